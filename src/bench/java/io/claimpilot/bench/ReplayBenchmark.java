package io.claimpilot.bench;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.claim.ClaimReason;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.claim.Fulfillment;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.PolicyEngine;
import io.claimpilot.policy.PolicyReplay;
import io.claimpilot.support.GeneratedFacts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the active version on 10,000 stored claims (fact snapshots and policy decisions inserted directly) and
 * prints how long each replay takes. One stored decision in ten is HUMAN_REVIEW from "an older version", so the
 * report has transitions and examples to build. Only correctness is asserted; the time is recorded in
 * docs/benchmarks.md. Run: ./mvnw -B -Pbench test -Dgroups=benchmark -Dtest=ReplayBenchmark
 */
@QuarkusTest
@Tag("benchmark")
class ReplayBenchmark {

    private static final int CLAIMS = 10_000;
    private static final int BATCH = 500;
    private static final int RUNS = 5;

    @Inject
    PolicyEngine engine;
    @Inject
    PolicyReplay replay;
    @Inject
    EntityManager em;

    @Test
    void replaysTenThousandStoredClaims() {
        CompiledPolicy active = engine.active();
        List<ClaimFacts> facts = GeneratedFacts.generate(CLAIMS, 2026);
        long insertStarted = System.nanoTime();
        int changed = 0;
        for (int from = 0; from < CLAIMS; from += BATCH) {
            List<ClaimFacts> batch = facts.subList(from, Math.min(CLAIMS, from + BATCH));
            int first = from;
            changed += QuarkusTransaction.requiringNew().call(() -> store(batch, first, active));
        }
        System.out.printf("Inserted %d claims with decisions and fact snapshots in %.1f s%n", CLAIMS,
                (System.nanoTime() - insertStarted) / 1e9);
        System.out.println("Drools TRACE enabled in this JVM: "
                + LoggerFactory.getLogger("org.drools.core.reteoo.EntryPointNode").isTraceEnabled());

        for (int run = 1; run <= RUNS; run++) {
            long started = System.nanoTime();
            PolicyReplay.Report report = replay.replay(active.version(), new PolicyReplay.Selection(null, null, CLAIMS));
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Replay %d of %d: %d claims, %d would change, in %.2f s (%.0f claims/s)%n",
                    run, RUNS, report.claims(), report.changed(), seconds, report.claims() / seconds);
            assertThat(report.claims()).isEqualTo(CLAIMS);
            assertThat(report.changed()).isEqualTo(changed);
            assertThat(report.transitions()).isNotEmpty();
        }
    }

    /** Stores claims as the policy decided them, except one in ten stored as an older version's HUMAN_REVIEW. */
    private int store(List<ClaimFacts> batch, int first, CompiledPolicy policy) {
        int changed = 0;
        for (int i = 0; i < batch.size(); i++) {
            ClaimFacts facts = batch.get(i);
            PolicyVerdict verdict = policy.evaluate(facts);
            boolean olderVersion = (first + i) % 10 == 0;
            if (olderVersion && verdict.action() != DecisionAction.HUMAN_REVIEW) {
                changed++;
            }
            Claim claim = new Claim();
            claim.id = "cl-replay-" + (first + i);
            claim.caller = "replay-benchmark";
            claim.externalId = claim.id;
            claim.orderId = facts.orderId();
            claim.reason = ClaimReason.valueOf(facts.reason());
            claim.customerId = facts.customerId();
            claim.amount = facts.claimedAmount();
            claim.currency = facts.currency();
            claim.fulfillment = Fulfillment.valueOf(facts.fulfillment());
            claim.orderTotalPaid = facts.orderTotalPaid();
            claim.items = facts.items().stream()
                    .map(item -> new ClaimItem(item.sku(), item.quantity(), new Money(item.unitPrice(), facts.currency())))
                    .toList();
            DecisionAction action = olderVersion ? DecisionAction.HUMAN_REVIEW : verdict.action();
            claim.status = action.claimStatus();
            claim.policyVersion = policy.version();
            claim.createdAt = facts.claimedAt();
            claim.updatedAt = facts.now();
            em.persist(claim);

            Decision decision = new Decision();
            decision.claimId = claim.id;
            decision.action = action;
            if (!olderVersion && verdict.amount() != null) {
                decision.amount = verdict.amount().amount();
                decision.currency = verdict.amount().currency();
            }
            decision.deadline = olderVersion ? null : verdict.deadline();
            decision.messageKey = olderVersion ? "under-review" : verdict.messageKey();
            decision.reasons = olderVersion ? List.of(PolicyVerdict.NO_RULE_DECIDED) : verdict.reasons();
            decision.rulesFired = olderVersion ? List.of() : verdict.rulesFired();
            decision.policyVersion = policy.version();
            decision.decidedBy = "policy:" + policy.version();
            decision.facts = facts;
            decision.decidedAt = facts.now();
            em.persist(decision);
        }
        em.flush();
        em.clear();
        return changed;
    }
}

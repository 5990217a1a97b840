package io.claimpilot.metrics;

import io.claimpilot.action.RefundOrder;
import io.claimpilot.decision.ClaimDecided;
import io.claimpilot.outbox.ActionEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Counters and histograms of what happens to claims, each counted once, after the transaction that did it committed:
 * <ul>
 *   <li>{@code claimpilot_claims_total{reason, action, decided_by}}: every decision of the policy ({@code policy}) or of
 *       a person ({@code person}). A claim the policy sends to review counts once as HUMAN_REVIEW by the policy, and
 *       again when a person resolves it;</li>
 *   <li>{@code claimpilot_decision_seconds{decided_by}}: from the claim's intake to its final decision (REFUND, RESHIP,
 *       EXCHANGE or DENY);</li>
 *   <li>{@code claimpilot_policy_evaluation_seconds}: how long the live policy evaluation took;</li>
 *   <li>{@code claimpilot_refunded_amount_total{currency}}: refunds the payment provider completed.</li>
 * </ul>
 * These are per replica, as counters are: Prometheus sums them across replicas.
 */
@ApplicationScoped
public class ClaimMetrics {

    static final String POLICY = "policy";
    static final String PERSON = "person";
    private static final Set<io.claimpilot.decision.DecisionAction> FINAL = EnumSet.of(
            io.claimpilot.decision.DecisionAction.REFUND, io.claimpilot.decision.DecisionAction.RESHIP,
            io.claimpilot.decision.DecisionAction.EXCHANGE, io.claimpilot.decision.DecisionAction.DENY);
    /** From an automatic decision in milliseconds to a person's after days. */
    private static final Duration[] DECISION_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7)};
    /** Around the default evaluation time limit of 200 ms (claimpilot.policy.evaluation-timeout). */
    private static final Duration[] EVALUATION_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofSeconds(1)};

    @Inject
    MeterRegistry registry;

    void onDecided(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClaimDecided decided) {
        String decidedBy = decided.byPolicy() ? POLICY : PERSON;
        Counter.builder("claimpilot.claims")
                .description("Decisions on claims, by the policy or by a person")
                .tag("reason", decided.reason().name())
                .tag("action", decided.action().name())
                .tag("decided_by", decidedBy)
                .register(registry).increment();
        if (FINAL.contains(decided.action()) && decided.claimCreatedAt() != null && decided.decidedAt() != null) {
            Timer.builder("claimpilot.decision")
                    .description("From a claim's intake to its final decision (REFUND, RESHIP, EXCHANGE or DENY)")
                    .tag("decided_by", decidedBy)
                    .serviceLevelObjectives(DECISION_BUCKETS)
                    .register(registry)
                    .record(Duration.between(decided.claimCreatedAt(), decided.decidedAt()));
        }
        if (decided.evaluation() != null) {
            Timer.builder("claimpilot.policy.evaluation")
                    .description("How long the live evaluation of a claim by the policy took")
                    .serviceLevelObjectives(EVALUATION_BUCKETS)
                    .register(registry)
                    .record(decided.evaluation());
        }
    }

    /** A refund counts when the provider completed it, not when it was decided: decided ones may still fail. */
    void onAction(@Observes(during = TransactionPhase.AFTER_SUCCESS) ActionEvent event) {
        if (event.stage() != ActionEvent.Stage.SUCCEEDED || !RefundOrder.ACTION.equals(event.entry().action)) {
            return;
        }
        RefundOrder refund = event.entry().payloadAs(RefundOrder.class);
        Counter.builder("claimpilot.refunded.amount")
                .description("Amounts refunded, completed by the payment provider, per currency")
                .tag("currency", refund.amount().currency())
                .register(registry).increment(refund.amount().amount().doubleValue());
    }
}

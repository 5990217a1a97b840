package io.claimpilot.shadow;

import io.claimpilot.decision.ClaimDecided;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.limits.MoneySafety;
import io.claimpilot.policy.PolicyEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Evaluates the version in shadow mode on each new claim, once the claim's transaction has committed, on a thread of
 * its own: intake never waits for it, and nothing it does (a slow or failing version, a full queue) reaches the claim.
 * It evaluates the very snapshot the real decision stored, applies the same fixed money-safety limits a replay does
 * (balance and automatic limit; today's budget and the kill switch describe today, not the policy), and only stores
 * the verdict: no outbox action, no message, no status change.
 * <p>
 * Bounded: one evaluation at a time, each bounded by the policy evaluation limits, and at most
 * {@code claimpilot.shadow.queue-size} claims waiting. Past that a claim is not shadowed (drop and count:
 * {@code claimpilot_shadow_dropped_total}, and a warning), so a burst can never exhaust memory nor delay intake. A
 * dropped or lost claim (a replica stopping with claims queued) is simply missing from the comparison, which
 * counts only the claims the shadow did evaluate.
 */
@ApplicationScoped
public class ShadowEvaluations {

    private static final Logger LOG = Logger.getLogger(ShadowEvaluations.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    @Inject
    ShadowMode mode;
    @Inject
    PolicyEngine engine;
    @Inject
    MoneySafety moneySafety;
    @Inject
    MeterRegistry registry;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.shadow.queue-size", defaultValue = "1000")
    int queueSize;

    private ThreadPoolExecutor executor;
    private Counter dropped;
    private Counter failed;

    @PostConstruct
    void start() {
        // One platform thread: the shadow is CPU-bound like live evaluation, and must never crowd it out.
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueSize), runnable -> {
            Thread thread = new Thread(runnable, "shadow-evaluation-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        dropped = Counter.builder("claimpilot.shadow.dropped")
                .description("New claims not shadowed because the shadow queue was full").register(registry);
        failed = Counter.builder("claimpilot.shadow.failed")
                .description("Shadow evaluations that could not be evaluated or stored").register(registry);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** After the claim's transaction committed: a rolled-back claim is never shadowed. */
    void onDecided(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClaimDecided decided) {
        if (!decided.firstDecision() || !decided.byPolicy() || decided.facts() == null) {
            return;
        }
        // The setting as this replica knows it when the claim committed; when that is too old, the shadow's thread reads it.
        Optional<String> known = mode.known();
        if (known != null && known.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> evaluate(known, decided));
        } catch (RejectedExecutionException full) {
            dropped.increment();
            if ((long) dropped.count() % 100 == 1) {
                LOG.warnf("The shadow queue is full (claimpilot.shadow.queue-size=%d): claim %s is not shadowed;"
                        + " %d claim(s) dropped so far", queueSize, decided.claimId(), (long) dropped.count());
            }
        }
    }

    private void evaluate(Optional<String> known, ClaimDecided decided) {
        Optional<String> shadow;
        try {
            shadow = known != null ? known : mode.current();
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warnf("Claim %s is not shadowed: the shadow setting could not be read: %s", decided.claimId(), e.toString());
            return;
        }
        // A shadow that has since become the active version would only compare the version with itself.
        if (shadow.isPresent() && !shadow.get().equals(decided.policyVersion())) {
            evaluate(shadow.get(), decided);
        }
    }

    private void evaluate(String version, ClaimDecided decided) {
        try {
            PolicyVerdict verdict = withFixedLimits(engine.version(version).evaluate(decided.facts()), decided);
            QuarkusTransaction.requiringNew().run(() -> store(version, decided, verdict));
        } catch (RuntimeException e) {
            failed.increment();
            LOG.warnf("Shadow evaluation of claim %s by policy %s failed: %s", decided.claimId(), version.substring(0, 12),
                    e.toString());
        }
    }

    private PolicyVerdict withFixedLimits(PolicyVerdict verdict, ClaimDecided decided) {
        if (verdict.action() != DecisionAction.REFUND) {
            return verdict;
        }
        return moneySafety.refundLimits(verdict.amount(), decided.facts().refundableBalance())
                .map(verdict::overruled).orElse(verdict);
    }

    private void store(String version, ClaimDecided decided, PolicyVerdict verdict) {
        if (ShadowDecision.count("policyVersion = ?1 and claimId = ?2", version, decided.claimId()) > 0) {
            return;
        }
        ShadowDecision shadow = new ShadowDecision();
        shadow.policyVersion = version;
        shadow.claimId = decided.claimId();
        shadow.decisionId = decided.decisionId();
        shadow.action = verdict.action();
        shadow.amount = verdict.amount() == null ? null : verdict.amount().amount();
        shadow.currency = decided.facts().currency();
        shadow.rulesFired = verdict.rulesFired();
        shadow.evaluatedAt = clock.instant();
        shadow.persist();
    }

    /** Claims waiting to be shadowed on this replica. */
    public int waiting() {
        return executor.getQueue().size();
    }
}

package io.claimpilot.shadow;

import io.claimpilot.claim.ClaimReason;
import io.claimpilot.decision.ClaimDecided;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.facts.TestFacts;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.PolicyEngine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of claims while the shadow is busy: past the queue's bound, claims are dropped and counted, never queued
 * without end nor handed back to intake as an error.
 */
class ShadowQueueBoundTest {

    @Test
    void claimsPastTheQueueBoundAreDroppedAndCountedWhileIntakeGoesOn() throws Exception {
        CountDownLatch evaluating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ShadowEvaluations shadow = new ShadowEvaluations();
        shadow.mode = new ShadowMode() {
            @Override
            public Optional<String> known() {
                return Optional.of("f".repeat(64));
            }
        };
        // A shadow version that takes its time: the first claim holds the only shadow thread until the test lets go.
        shadow.engine = new PolicyEngine() {
            @Override
            public CompiledPolicy version(String hash) {
                evaluating.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("a shadow version that fails");
            }
        };
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        shadow.registry = registry;
        shadow.queueSize = 2;
        shadow.start();
        try {
            shadow.onDecided(decided("cl_first"));
            assertThat(evaluating.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                shadow.onDecided(decided("cl_burst_" + i));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

            assertThat(shadow.waiting()).isEqualTo(2);
            assertThat(registry.get("claimpilot.shadow.dropped").counter().count()).isEqualTo(8.0);
        } finally {
            release.countDown();
        }
        // The failing version is counted, claim after claim, and the thread goes on with the queue.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (registry.get("claimpilot.shadow.failed").counter().count() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(registry.get("claimpilot.shadow.failed").counter().count()).isEqualTo(3.0);
        assertThat(shadow.waiting()).isZero();
        shadow.stop();
    }

    private static ClaimDecided decided(String claimId) {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        return new ClaimDecided(claimId, 1, ClaimReason.ORDER_CANCELLED_BEFORE_SHIPMENT, DecisionAction.REFUND, null,
                "policy:" + "a".repeat(64), TestFacts.claim("ORDER_CANCELLED_BEFORE_SHIPMENT").build(), true, now, now,
                Duration.ofMillis(1));
    }
}

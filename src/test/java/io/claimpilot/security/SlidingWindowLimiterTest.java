package io.claimpilot.security;

import io.claimpilot.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SlidingWindowLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final SlidingWindowLimiter limiter = new SlidingWindowLimiter(5, Duration.ofMinutes(15), Duration.ofMinutes(15), 100, clock);

    @Test
    void theFifthFailureWithinTheWindowLocksTheKeyForTheLockout() {
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.recordFailure("alice")).isEmpty();
            clock.advance(Duration.ofMinutes(1));
        }
        Instant fifth = clock.instant();
        assertThat(limiter.recordFailure("alice")).contains(fifth.plus(Duration.ofMinutes(15)));
        assertThat(limiter.lockedUntil("alice")).contains(fifth.plus(Duration.ofMinutes(15)));
        assertThat(limiter.lockedUntil("bob")).isEmpty();

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(limiter.lockedUntil("alice")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.lockedUntil("alice")).isEmpty();
        assertThat(limiter.recordFailure("alice")).as("the count starts again after a lock").isEmpty();
    }

    @Test
    void anAllowanceLetsExactlyMaxUsesThroughPerWindowThenRefusesUntilTheLockEnds() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.allow("203.0.113.7")).as("use " + (i + 1)).isEmpty();
        }
        Instant fifth = clock.instant();
        assertThat(limiter.allow("203.0.113.7")).contains(fifth.plus(Duration.ofMinutes(15)));
        assertThat(limiter.allow("198.51.100.1")).as("another address").isEmpty();

        clock.advance(Duration.ofMinutes(15));
        assertThat(limiter.allow("203.0.113.7")).as("after the lock").isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 4; i++) {
            limiter.recordFailure("alice");
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(limiter.recordFailure("alice")).isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.recordFailure("alice")).isEmpty();
        }
        assertThat(limiter.recordFailure("alice")).isPresent();
    }

    @Test
    void attemptsWhileLockedDoNotLengthenTheLock() {
        for (int i = 0; i < 5; i++) {
            limiter.recordFailure("alice");
        }
        Instant until = limiter.lockedUntil("alice").orElseThrow();
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.recordFailure("alice")).contains(until);
    }

    @Test
    void forgettingFailuresClearsTheCountButNotARunningLock() {
        for (int i = 0; i < 4; i++) {
            limiter.recordFailure("alice");
        }
        limiter.forgetFailures("alice");
        assertThat(limiter.recordFailure("alice")).isEmpty();
    }

    @Test
    void memoryStaysBoundedWhenAnAttackerSpreadsOverManyKeys() {
        for (int i = 0; i < 10_000; i++) {
            limiter.recordFailure("address-" + i);
            assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(101);
        }
    }

    @Test
    void lockedKeysAreTheLastToBeForgotten() {
        for (int i = 0; i < 5; i++) {
            limiter.recordFailure("locked");
        }
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 1000; i++) {
            limiter.recordFailure("once-" + i);
        }
        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(101);
        assertThat(limiter.lockedUntil("locked")).isPresent();
    }

    @Test
    void keysWhoseFailuresLeftTheWindowAreDroppedFirst() {
        for (int i = 0; i < 90; i++) {
            limiter.recordFailure("old-" + i);
        }
        clock.advance(Duration.ofMinutes(16));
        for (int i = 0; i < 4; i++) {
            limiter.recordFailure("recent");
        }
        for (int i = 0; i < 20; i++) {
            limiter.recordFailure("new-" + i);
        }
        assertThat(limiter.recordFailure("recent")).as("its four recent failures were kept").isPresent();
    }
}

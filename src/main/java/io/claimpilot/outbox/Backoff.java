package io.claimpilot.outbox;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code base * 2^(n-1)}, capped at
 * {@code max}. The jitter spreads retries of many actions that failed together (a provider outage) over time.
 */
record Backoff(Duration base, Duration max) {

    Duration after(int attempts, RandomGenerator random) {
        long baseMillis = Math.max(1, base.toMillis());
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long full = Math.min(max.toMillis(), baseMillis << doublings);
        long half = full / 2;
        return Duration.ofMillis(half + random.nextLong(full - half + 1));
    }
}

package io.claimpilot.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failures per key (a user name, an address) over a sliding window: once {@code maxFailures} fall within
 * {@code window}, the key is locked for {@code lockout} from the last of them. While locked, nothing is counted,
 * so hammering does not lengthen the lock, and the caller does no real work (no password check, no key lookup).
 *
 * <p>Bounded in memory whatever an attacker sends: each key keeps at most {@code maxFailures} timestamps, and past
 * {@code maxKeys} keys the entries that no longer matter (window and lock over) are dropped, then the least recently
 * touched unlocked ones, then locked ones. Time comes from the injected {@link Clock}. Thread-safe: each key's entry is changed under its own lock.
 */
public final class SlidingWindowLimiter {

    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
        volatile Instant lastTouched;

        Entry(Instant now) {
            lastTouched = now;
        }
    }

    public SlidingWindowLimiter(int maxFailures, Duration window, Duration lockout, int maxKeys, Clock clock) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative() || maxKeys < 1) {
            throw new IllegalArgumentException("maxFailures and maxKeys must be at least 1, window positive, lockout not negative");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** When the key's lock ends, if it is locked now. */
    public Optional<Instant> lockedUntil(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (entry) {
            return entry.lockedUntil.isAfter(now) ? Optional.of(entry.lockedUntil) : Optional.empty();
        }
    }

    /** Counts one failure; returns the lock's end if this failure (or an earlier one) locked the key. */
    public Optional<Instant> recordFailure(String key) {
        return count(key).lockedUntil();
    }

    /**
     * Counts one use of an allowance (a form post): empty when the use is allowed, else the end of the key's lock. The
     * use that reaches {@code maxFailures} is still allowed and locks the key, so exactly {@code maxFailures} uses pass
     * per window; checked and counted under the key's lock, so uses at the same time cannot slip past the count.
     */
    public Optional<Instant> allow(String key) {
        Counted counted = count(key);
        return counted.wasLocked() ? counted.lockedUntil() : Optional.empty();
    }

    /** What counting one event did: whether the key was already locked (nothing counted), and its lock's end now. */
    private record Counted(boolean wasLocked, Optional<Instant> lockedUntil) {
    }

    private Counted count(String key) {
        Instant now = clock.instant();
        Entry entry = entries.computeIfAbsent(key, k -> new Entry(now));
        Optional<Instant> locked;
        synchronized (entry) {
            entry.lastTouched = now;
            if (entry.lockedUntil.isAfter(now)) {
                return new Counted(true, Optional.of(entry.lockedUntil));
            }
            dropExpired(entry, now);
            entry.failures.addLast(now);
            if (entry.failures.size() >= maxFailures) {
                entry.lockedUntil = now.plus(lockout);
                entry.failures.clear();
            }
            locked = entry.lockedUntil.isAfter(now) ? Optional.of(entry.lockedUntil) : Optional.empty();
        }
        if (entries.size() > maxKeys) {
            evict(now);
        }
        return new Counted(false, locked);
    }

    /** Forgets the key's failures (a successful sign-in); a running lock stays. */
    public void forgetFailures(String key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            synchronized (entry) {
                entry.failures.clear();
            }
        }
    }

    /** How many keys are tracked: what memory the limiter holds. */
    public int trackedKeys() {
        return entries.size();
    }

    private static boolean isLocked(Entry entry, Instant now) {
        synchronized (entry) {
            return entry.lockedUntil.isAfter(now);
        }
    }

    private void dropExpired(Entry entry, Instant now) {
        Instant oldestThatCounts = now.minus(window);
        while (!entry.failures.isEmpty() && !entry.failures.peekFirst().isAfter(oldestThatCounts)) {
            entry.failures.removeFirst();
        }
    }

    /**
     * Drops what no longer matters, then, if an attacker spreading over many keys still fills the map, the least
     * recently touched entries (unlocked before locked) down to 90 % of the bound, so the scan runs once per many new keys, not on each.
     */
    private synchronized void evict(Instant now) {
        if (entries.size() <= maxKeys) {
            return;
        }
        entries.entrySet().removeIf(e -> {
            Entry entry = e.getValue();
            synchronized (entry) {
                dropExpired(entry, now);
                return entry.failures.isEmpty() && !entry.lockedUntil.isAfter(now);
            }
        });
        int target = Math.max(1, maxKeys * 9 / 10);
        if (entries.size() > target) {
            // Unlocked keys go first: forgetting a lock would hand a locked-out guesser a fresh start. Sorted on a
            // snapshot, as other threads go on touching entries.
            record Candidate(String key, boolean locked, Instant lastTouched) {
            }
            entries.entrySet().stream()
                    .map(e -> new Candidate(e.getKey(), isLocked(e.getValue(), now), e.getValue().lastTouched))
                    .toList().stream()
                    .sorted(Comparator.comparing(Candidate::locked).thenComparing(Candidate::lastTouched))
                    .limit(Math.max(0, entries.size() - target))
                    .map(Candidate::key)
                    .toList()
                    .forEach(entries::remove);
        }
    }
}

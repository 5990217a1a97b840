package io.claimpilot.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows API key guessing: after {@code max-per-address} requests with an unknown (or revoked) key from one address
 * within {@code window}, that address's key-bearing requests get 429 with Retry-After for {@code window}, and their
 * keys are not looked up (otherwise the answer would still tell a right guess from a wrong one).
 */
@ApplicationScoped
public class UnknownKeyLimits {

    private final SlidingWindowLimiter byAddress;

    @Inject
    public UnknownKeyLimits(Clock clock,
                            @ConfigProperty(name = "claimpilot.security.api-keys.max-unknown-per-address", defaultValue = "50") int perAddress,
                            @ConfigProperty(name = "claimpilot.security.api-keys.window", defaultValue = "1m") Duration window,
                            @ConfigProperty(name = "claimpilot.security.limits.max-tracked-keys", defaultValue = "100000") int maxKeys) {
        this.byAddress = new SlidingWindowLimiter(perAddress, window, window, maxKeys, clock);
    }

    public Optional<Instant> blockedUntil(String address) {
        return byAddress.lockedUntil(address);
    }

    public void unknownKey(String address) {
        byAddress.recordFailure(address);
    }
}

package io.claimpilot.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Slows password guessing at the console's sign-in: after {@code max-failures-per-user} failed sign-ins for one user
 * name, or {@code max-failures-per-address} from one address, within {@code window}, further attempts for
 * {@code lockout} are refused without checking the password (ConsoleUserIdentityProvider), and the sign-in page says
 * when to try again (SignInLockedRedirect).
 */
@ApplicationScoped
public class SignInLimits {

    /** The routing-context key under which a refused attempt leaves the lock's end for the sign-in page. */
    public static final String LOCKED_UNTIL = "claimpilot.sign-in.locked-until";
    /** A user name longer than any real one is counted by its first characters: the map's keys stay small. */
    private static final int MAX_USERNAME_KEY = 100;

    private final SlidingWindowLimiter byUser;
    private final SlidingWindowLimiter byAddress;

    @Inject
    public SignInLimits(Clock clock,
                        @ConfigProperty(name = "claimpilot.security.sign-in.max-failures-per-user", defaultValue = "5") int perUser,
                        @ConfigProperty(name = "claimpilot.security.sign-in.max-failures-per-address", defaultValue = "20") int perAddress,
                        @ConfigProperty(name = "claimpilot.security.sign-in.window", defaultValue = "15m") Duration window,
                        @ConfigProperty(name = "claimpilot.security.sign-in.lockout", defaultValue = "15m") Duration lockout,
                        @ConfigProperty(name = "claimpilot.security.limits.max-tracked-keys", defaultValue = "100000") int maxKeys) {
        this.byUser = new SlidingWindowLimiter(perUser, window, lockout, maxKeys, clock);
        this.byAddress = new SlidingWindowLimiter(perAddress, window, lockout, maxKeys, clock);
    }

    /** When the attempt may be made again, if the user name or the address is locked now. */
    public Optional<Instant> lockedUntil(String username, String address) {
        return later(byUser.lockedUntil(userKey(username)), byAddress.lockedUntil(address));
    }

    public void failed(String username, String address) {
        byUser.recordFailure(userKey(username));
        byAddress.recordFailure(address);
    }

    /** A right password clears that user's failures, not the address's: one known account does not reset a guesser. */
    public void succeeded(String username) {
        byUser.forgetFailures(userKey(username));
    }

    private static String userKey(String username) {
        String key = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_USERNAME_KEY ? key.substring(0, MAX_USERNAME_KEY) : key;
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }
}

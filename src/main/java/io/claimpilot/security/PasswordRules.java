package io.claimpilot.security;

import io.claimpilot.common.ApiProblem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a console password must be, for the console's users page and the offline {@code users create} alike.
 * <ul>
 *   <li>At least 12 characters: length is what makes a guessed password expensive (NIST SP 800-63B asks for 8 at least
 *       and for the verifier to refuse known ones; these accounts can move money, so we ask more).</li>
 *   <li>At most 72 bytes of UTF-8: bcrypt ignores everything after them, and a password that is silently cut is worse
 *       than one refused.</li>
 *   <li>Not a password from the breach lists ({@code security/common-passwords.txt}), and not one of their base words
 *       ("password", "qwerty", "welcome", ...) with only digits and symbols around it: those are tried first.</li>
 *   <li>Not containing the user's name, and not one or two characters repeated.</li>
 * </ul>
 * No composition rules (a digit, a capital): they make passwords harder to remember and not harder to guess.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;
    static final List<String> BASE_WORDS = List.of("password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "qwertz", "azerty",
            "welcome", "letmein", "changeme", "admin", "administrator", "iloveyou", "claimpilot", "secret", "abc", "test");
    private static final Set<String> COMMON = load();

    private PasswordRules() {
    }

    /** The reason this password is refused for this user, if it is. */
    public static Optional<String> weakness(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must have at most " + MAX_BYTES + " bytes (bcrypt ignores the rest)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return Optional.of("is on the lists of common passwords that attackers try first");
        }
        String core = lower.replaceAll("^[^a-z]+|[^a-z]+$", "");
        if (!core.isEmpty() && BASE_WORDS.contains(core)) {
            return Optional.of("is a common word with only digits or symbols around it");
        }
        if (username != null && username.length() >= 3 && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("must not contain the user name");
        }
        if (lower.chars().distinct().count() < 3) {
            return Optional.of("repeats too few different characters");
        }
        return Optional.empty();
    }

    /** Refuses a weak password with a problem naming the {@code password} field. */
    public static void check(String username, String password) {
        weakness(username, password).ifPresent(reason -> {
            throw ApiProblem.invalidField("password", reason);
        });
    }

    private static Set<String> load() {
        try (InputStream in = PasswordRules.class.getResourceAsStream("/security/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("security/common-passwords.txt is missing from the application");
            }
            Set<String> passwords = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(line -> passwords.add(line.toLowerCase(Locale.ROOT)));
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

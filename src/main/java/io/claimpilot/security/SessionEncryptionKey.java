package io.claimpilot.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;

/**
 * The key that encrypts console session cookies, settled before Quarkus starts. Left unset, Quarkus makes a temporary
 * one and logs it in clear (FormAuthenticationMechanism's warning), so a secret would reach the log. Instead:
 * <ul>
 *   <li>set by the operator ({@code QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY}, or the system property): used as is;</li>
 *   <li>demo profile: read from a file under ./data/ ({@code data/session-encryption.key}, or
 *       {@code CLAIMPILOT_SESSION_KEY_FILE}), made at the first start with {@link SecureRandom}, readable by its owner
 *       only (600), and reused, so demo sessions survive a restart;</li>
 *   <li>any other profile: a random key for this run only, as Quarkus would make, but never written anywhere; sessions
 *       end at a restart and do not work across replicas, which the start-up warning says without the key.</li>
 * </ul>
 */
public final class SessionEncryptionKey {

    public static final String PROPERTY = "quarkus.http.auth.session.encryption-key";
    static final String ENVIRONMENT = "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY";
    static final String FILE_PROPERTY = "claimpilot.session-key-file";
    static final String FILE_ENVIRONMENT = "CLAIMPILOT_SESSION_KEY_FILE";
    static final Path DEFAULT_FILE = Path.of("data", "session-encryption.key");
    /** Quarkus needs at least 16 characters; 32 random bytes make 43. */
    private static final int MIN_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What {@link #settle} did, for the start-up log line (which never holds the key). */
    public enum Source { CONFIGURED, FILE_CREATED, FILE_REUSED, THIS_RUN_ONLY }

    private SessionEncryptionKey() {
    }

    /** Where {@link SessionKeyWarning} finds what {@link #settle()} did, once Quarkus logs. */
    static final String SOURCE_PROPERTY = "claimpilot.session-key.source";

    /** What to use: the source, and the key to set (null when the operator configured one). */
    record Settled(Source source, String key) {
    }

    /** Sets {@value #PROPERTY} as a system property unless the operator configured it. */
    public static Source settle() {
        Settled settled = settle(System::getProperty, System::getenv);
        if (settled.key() != null) {
            System.setProperty(PROPERTY, settled.key());
        }
        System.setProperty(SOURCE_PROPERTY, settled.source().name());
        return settled.source();
    }

    static Settled settle(Function<String, String> properties, Function<String, String> environment) {
        if (isSet(properties.apply(PROPERTY)) || isSet(environment.apply(ENVIRONMENT))) {
            return new Settled(Source.CONFIGURED, null);
        }
        String profile = firstSet(properties.apply("quarkus.profile"), environment.apply("QUARKUS_PROFILE"), "prod");
        if (profile.equals("demo")) {
            Path file = Path.of(firstSet(properties.apply(FILE_PROPERTY), environment.apply(FILE_ENVIRONMENT), DEFAULT_FILE.toString()));
            boolean created = !Files.exists(file);
            String key = fromFile(file);
            return new Settled(created ? Source.FILE_CREATED : Source.FILE_REUSED, key);
        }
        return new Settled(Source.THIS_RUN_ONLY, newKey());
    }

    /** The key kept in {@code file}, made there first (owner-only) if the file does not exist yet. */
    public static String fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.length() < MIN_LENGTH) {
                throw new IllegalStateException("The session key file " + file.toAbsolutePath() + " holds fewer than "
                        + MIN_LENGTH + " characters; delete it to have a new key made");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the session key file " + file.toAbsolutePath(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // Written to a private temporary file and moved into place: a reader never sees a half-written key, and the
        // key never exists with wider permissions.
        Path temporary = Files.createTempFile(parent, ".session-key", ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, newKey() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException anotherStartWon) {
                // Two demo starts on one folder: keep the key the other one wrote.
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: a temporary file is already private to its user.
        }
    }

    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (isSet(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException("no value");
    }
}

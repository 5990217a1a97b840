package io.claimpilot.security;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * API keys: hashing (the one way a key is ever compared or stored), and issuing and revoking them for admins.
 * A new key's secret exists only in the answer to {@link #create}; the database keeps its SHA-256.
 */
@ApplicationScoped
public class ApiKeys {

    /** Roles a key can hold: the shop's backend, or a person's script. */
    public static final Set<String> ROLES = Set.of(Roles.SHOP, Roles.AGENT, Roles.ANALYST, Roles.ACCOUNTANT, Roles.ADMIN);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    /** A key just issued: the secret to hand over now, never shown again. */
    public record Issued(String id, String owner, String role, String secret) {
    }

    /** A key as admins see it in a list: never its secret or hash. */
    public record KeyView(String id, String owner, String role, boolean demo, boolean active, java.time.Instant createdAt,
                          String createdBy, java.time.Instant revokedAt, String revokedBy) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id, key.owner, key.role, key.demo, key.active, key.createdAt, key.createdBy,
                    key.revokedAt, key.revokedBy);
        }
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Issues a key: 256 random bits, shown once, stored hashed. */
    @Transactional
    public Issued create(String owner, String role, String actor) {
        String name = owner == null ? "" : owner.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiProblem.invalidField("owner", "is required, up to 200 characters: who or what uses the key");
        }
        if (role == null || !ROLES.contains(role)) {
            throw ApiProblem.invalidField("role", "must be one of " + String.join(", ", ROLES.stream().sorted().toList()));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "cpk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        ApiKey key = new ApiKey();
        key.id = Ids.newId("key");
        key.owner = name;
        key.role = role;
        key.keyHash = hash(secret);
        key.demo = false;
        key.active = true;
        key.createdAt = clock.instant();
        key.createdBy = actor;
        key.persist();
        return new Issued(key.id, key.owner, key.role, secret);
    }

    /** Every key, active first, newest first. */
    @Transactional
    public List<KeyView> list() {
        return ApiKey.<ApiKey>list("order by active desc, createdAt desc, id").stream().map(KeyView::of).toList();
    }

    /** Revokes a key at once: the next request with it gets 401. */
    @Transactional
    public KeyView revoke(String id, String actor) {
        ApiKey key = id == null ? null : ApiKey.findById(id);
        if (key == null) {
            throw ApiProblem.notFound("API key " + id);
        }
        if (!key.active) {
            throw ApiProblem.conflict("API key " + id + " is already revoked");
        }
        key.active = false;
        key.revokedAt = clock.instant();
        key.revokedBy = actor;
        return KeyView.of(key);
    }
}

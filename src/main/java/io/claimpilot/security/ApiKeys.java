package io.claimpilot.security;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.ApiProblem.FieldViolation;
import io.claimpilot.common.Ids;
import io.claimpilot.common.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * API keys: hashing (the one way a key is ever compared or stored), and issuing, rotating and revoking them for admins.
 * A new key's secret exists only in the answer to {@link #create}; the database keeps its SHA-256.
 * <p>
 * A key says who holds it, never by its free-text owner: a person's key belongs to a console user (its principal is the
 * user's name, the same as in the console, so four-eyes and two-person activation see one person), a shop's key to a
 * caller (its principal is the caller's id, which owns the claims it sends).
 */
@ApplicationScoped
public class ApiKeys {

    /** Roles a key can hold: the shop's backend, or a person's script. */
    public static final Set<String> ROLES = Set.of(Roles.SHOP, Roles.AGENT, Roles.ANALYST, Roles.ACCOUNTANT, Roles.ADMIN);
    /** The names the webhooks give themselves as the caller of the claims they create: no key may take one. */
    public static final Set<String> WEBHOOK_CALLERS = Set.of("shopify", "stripe", "shipstation", "wms");
    private static final String CALLER_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{1,99}";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    /** What an admin asks for: a person's key names {@code userId}, a shop's key may name a new {@code callerId}. */
    public record NewKey(String owner, String role, String userId, String callerId) {
    }

    /** A key just issued: the secret to hand over now, never shown again. */
    public record Issued(String id, String owner, String role, String userId, String callerId, String secret) {
    }

    /** A key as admins see it in a list: never its secret or hash. */
    public record KeyView(String id, String owner, String role, String userId, String callerId, boolean demo, boolean active,
                          Instant createdAt, String createdBy, Instant revokedAt, String revokedBy) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id, key.owner, key.role, key.userId, key.callerId, key.demo, key.active, key.createdAt,
                    key.createdBy, key.revokedAt, key.revokedBy);
        }

        /** Who the key acts as: the user's name or the caller's id. */
        public String holder() {
            return userId != null ? userId : callerId;
        }
    }

    public static String hash(String key) {
        return Sha256.hex(key.getBytes(StandardCharsets.UTF_8));
    }

    /** True for the names webhooks use for themselves, in any case: {@code Shopify} would confuse a reader just as well. */
    public static boolean isWebhookName(String name) {
        return name != null && WEBHOOK_CALLERS.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    /** Issues a key: 256 random bits, shown once, stored hashed. */
    @Transactional
    public Issued create(NewKey request, String actor) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        String role = request.role() == null ? null : request.role().strip();
        String userId = blankToNull(request.userId());
        String callerId = blankToNull(request.callerId());
        List<FieldViolation> violations = new ArrayList<>();
        if (role == null || !ROLES.contains(role)) {
            violations.add(new FieldViolation("role", "must be one of " + String.join(", ", ROLES.stream().sorted().toList())));
        }
        String owner = blankToNull(request.owner());
        if (owner != null && owner.length() > 200) {
            violations.add(new FieldViolation("owner", "is up to 200 characters: what uses the key"));
        } else if (isWebhookName(owner)) {
            violations.add(new FieldViolation("owner", "'" + owner + "' is the name a webhook uses for itself; name the key after the shop or the script"));
        }
        ConsoleUser user = null;
        if (Roles.SHOP.equals(role)) {
            if (userId != null) {
                violations.add(new FieldViolation("userId", "is only for keys of people: a shop key belongs to a caller"));
            }
            if (callerId != null) {
                callerIdViolation(callerId).ifPresent(violations::add);
            }
        } else if (role != null && ROLES.contains(role)) {
            if (callerId != null) {
                violations.add(new FieldViolation("callerId", "is only for shop keys: a person's key belongs to a console user"));
            }
            if (userId == null) {
                violations.add(new FieldViolation("userId", "is required: the console user who holds this " + role + " key"));
            } else {
                user = ConsoleUser.findActive(userId);
                if (user == null) {
                    violations.add(new FieldViolation("userId", "is not an active console user: " + userId));
                } else if (!user.role.equals(role)) {
                    violations.add(new FieldViolation("role", "must be the role of " + userId + " (" + user.role + ")"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        Instant now = clock.instant();
        ApiKey key = new ApiKey();
        key.id = Ids.newId("key");
        key.role = role;
        if (user != null) {
            key.userId = user.username;
        } else {
            key.callerId = newCaller(callerId, actor, now).id;
        }
        key.owner = owner != null ? owner : key.userId != null ? key.userId : key.callerId;
        return issue(key, now, actor, SecurityAudit.Action.KEY_ISSUED, "");
    }

    /**
     * A new key for the same holder (user or caller), with the same role and label. The old one stays active until an
     * admin revokes it, so a shop can switch without losing a request.
     */
    @Transactional
    public Issued rotate(String id, String actor) {
        ApiKey old = activeKey(id);
        if (old.userId != null && ConsoleUser.findActive(old.userId) == null) {
            throw ApiProblem.conflict("API key " + id + " belongs to " + old.userId + ", who is no longer an active user");
        }
        ApiKey key = new ApiKey();
        key.id = Ids.newId("key");
        key.role = old.role;
        key.owner = old.owner;
        key.userId = old.userId;
        key.callerId = old.callerId;
        return issue(key, clock.instant(), actor, SecurityAudit.Action.KEY_ROTATED, "; replaces " + old.id);
    }

    /** Every key, active first, newest first. */
    @Transactional
    public List<KeyView> list() {
        return ApiKey.<ApiKey>list("order by active desc, createdAt desc, id").stream().map(KeyView::of).toList();
    }

    /** Revokes a key at once: the next request with it gets 401. */
    @Transactional
    public KeyView revoke(String id, String actor) {
        ApiKey key = activeKey(id);
        key.active = false;
        key.revokedAt = clock.instant();
        key.revokedBy = actor;
        SecurityAudit.record(key.revokedAt, actor, SecurityAudit.Action.KEY_REVOKED, key.id, "held by " + holder(key));
        return KeyView.of(key);
    }

    private ApiKey activeKey(String id) {
        ApiKey key = id == null ? null : ApiKey.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (key == null) {
            throw ApiProblem.notFound("API key " + id);
        }
        if (!key.active) {
            throw ApiProblem.conflict("API key " + id + " is already revoked");
        }
        return key;
    }

    private Issued issue(ApiKey key, Instant now, String actor, SecurityAudit.Action action, String detail) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "cpk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        key.keyHash = hash(secret);
        key.demo = false;
        key.active = true;
        key.createdAt = now;
        key.createdBy = actor;
        key.persist();
        SecurityAudit.record(now, actor, action, key.id, key.role + " key held by " + holder(key) + detail);
        return new Issued(key.id, key.owner, key.role, key.userId, key.callerId, secret);
    }

    private static String holder(ApiKey key) {
        return key.userId != null ? "user " + key.userId : "caller " + key.callerId;
    }

    /** A caller named by the admin must be new: an id taken by another shop would hand it that shop's claims. */
    private ApiCaller newCaller(String requested, String actor, Instant now) {
        ApiCaller caller = new ApiCaller();
        caller.id = requested != null ? requested : generatedCallerId();
        caller.createdAt = now;
        caller.createdBy = actor;
        if (ApiCaller.findById(caller.id) != null) {
            throw callerTaken(caller.id);
        }
        try {
            caller.persist();
            ApiCaller.getEntityManager().flush();
        } catch (jakarta.persistence.PersistenceException e) {
            // Another admin took the same id in the same instant: the primary key decided.
            throw callerTaken(caller.id);
        }
        return caller;
    }

    private static ApiProblem callerTaken(String callerId) {
        return new ApiProblem(409, "Conflict", "callerId: " + callerId + " is already a caller; to give it another key,"
                + " rotate one of its keys (POST /api/keys/{id}/rotate)",
                List.of(new FieldViolation("callerId", "is already a caller")));
    }

    private static java.util.Optional<FieldViolation> callerIdViolation(String callerId) {
        if (isWebhookName(callerId)) {
            return java.util.Optional.of(new FieldViolation("callerId", "'" + callerId
                    + "' is the name a webhook uses for the claims it creates; no key can take it"));
        }
        if (!callerId.matches(CALLER_ID_PATTERN)) {
            return java.util.Optional.of(new FieldViolation("callerId", "must be 2 to 100 letters, digits or . _ -, starting with a letter or digit"));
        }
        return java.util.Optional.empty();
    }

    private static String generatedCallerId() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "shop-" + HexFormat.of().formatHex(random);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package io.claimpilot.security;

import io.claimpilot.common.ApiProblem;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/** Console users: create, list, deactivate, and check a password. Admin pages build on these methods. */
@ApplicationScoped
public class ConsoleUsers {

    /** Roles a person can hold; {@code shop} is for API keys only. */
    public static final Set<String> ROLES = Set.of(Roles.AGENT, Roles.ANALYST, Roles.ACCOUNTANT, Roles.ADMIN);
    @Inject
    Clock clock;

    /** A new person; the password must pass {@link PasswordRules}. Audited with {@code actor}. */
    @Transactional
    public ConsoleUser create(String username, String password, String role, String displayName, String actor) {
        String name = username == null ? "" : username.strip();
        if (!name.matches("[A-Za-z0-9._@-]{2,100}")) {
            throw ApiProblem.invalidField("username", "must be 2 to 100 letters, digits or . _ @ -");
        }
        if (!ROLES.contains(role)) {
            throw ApiProblem.invalidField("role", "must be one of " + String.join(", ", ROLES.stream().sorted().toList()));
        }
        PasswordRules.check(name, password);
        if (ConsoleUser.findById(name) != null) {
            throw ApiProblem.conflict("User " + name + " already exists");
        }
        ConsoleUser user = persist(name, password, role, displayName, false);
        SecurityAudit.record(user.createdAt, actor, SecurityAudit.Action.USER_CREATED, name, "role " + role);
        return user;
    }

    /** The user can no longer sign in, and their API keys stop working with them. Audited with {@code actor}. */
    @Transactional
    public ConsoleUser deactivate(String username, String actor) {
        ConsoleUser user = username == null ? null : ConsoleUser.findById(username);
        if (user == null) {
            throw ApiProblem.notFound("User " + username);
        }
        if (!user.active) {
            throw ApiProblem.conflict("User " + username + " is already deactivated");
        }
        user.active = false;
        long keys = ApiKey.count("userId = ?1 and active = true", username);
        SecurityAudit.record(clock.instant(), actor, SecurityAudit.Action.USER_DEACTIVATED, username,
                keys == 0 ? "no active API key" : keys + " active API key(s) stop working with the user");
        return user;
    }

    @Transactional
    public List<ConsoleUser> list() {
        return ConsoleUser.list("order by username");
    }

    /** The active user with this password, or null. The hash check runs even for unknown users, so timing tells nothing. */
    @Transactional
    public ConsoleUser authenticate(String username, String password) {
        ConsoleUser user = username == null ? null : ConsoleUser.findActive(username);
        boolean matches = BcryptUtil.matches(password == null ? "" : password, user == null ? UNKNOWN_USER_HASH : user.passwordHash);
        return user != null && matches ? user : null;
    }

    ConsoleUser persist(String username, String password, String role, String displayName, boolean demo) {
        ConsoleUser user = new ConsoleUser();
        user.username = username;
        user.passwordHash = BcryptUtil.bcryptHash(password);
        user.role = role;
        user.displayName = displayName;
        user.demo = demo;
        user.active = true;
        user.createdAt = clock.instant();
        user.persist();
        return user;
    }

    private static final String UNKNOWN_USER_HASH = BcryptUtil.bcryptHash("no such user, no such password");
}

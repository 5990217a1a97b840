package io.claimpilot.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;

/**
 * Seeds the documented demo keys in the demo profile, and refuses to start anywhere else while one is active:
 * a demo key in production would let anyone refund. A person's demo key belongs to the demo user of the same name.
 */
@ApplicationScoped
public class DemoKeys {

    private static final Logger LOG = Logger.getLogger(DemoKeys.class);
    /** The caller of the demo shop key; existing claims of demo databases carry it. */
    static final String DEMO_SHOP = "demo-shop";
    /**
     * Each person's key, by the demo user who holds it ({@link DemoUsers}): {@code demo-<username>-key}. Two agents and two
     * analysts, so the demo shows four-eyes and two-person activation across the API and the console.
     */
    static final List<List<String>> PERSON_KEYS = List.of(List.of("agent", Roles.AGENT), List.of("agent2", Roles.AGENT),
            List.of("analyst", Roles.ANALYST), List.of("analyst2", Roles.ANALYST), List.of("accountant", Roles.ACCOUNTANT),
            List.of("admin", Roles.ADMIN));

    @ConfigProperty(name = "claimpilot.demo.seed-keys")
    boolean seedDemoKeys;

    @Inject
    Clock clock;

    /** The production check runs first, so a refused start names the demo keys before the demo users. */
    void onStart(@Observes StartupEvent event) {
        if (!seedDemoKeys) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (ApiKey.countActiveDemoKeys() > 0) {
                    throw new IllegalStateException("Demo API keys are active: revoke them before starting outside the demo profile"
                            + " (profiles " + ConfigUtils.getProfiles() + ", launch mode " + LaunchMode.current() + ")");
                }
            });
        }
    }

    /** After {@link DemoUsers} has seeded the people the keys belong to. */
    void seedAfterUsers(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 700) StartupEvent event) {
        if (seedDemoKeys) {
            QuarkusTransaction.requiringNew().run(this::seed);
        }
    }

    private void seed() {
        seedShopKey();
        for (List<String> person : PERSON_KEYS) {
            seedPersonKey(person.get(0), person.get(1));
        }
        LOG.info("Demo API keys are active: demo-shop-key (caller demo-shop), and for the demo users of the same name"
                + " demo-agent-key, demo-agent2-key, demo-analyst-key, demo-analyst2-key, demo-accountant-key, demo-admin-key");
    }

    private void seedShopKey() {
        if (ApiCaller.findById(DEMO_SHOP) == null) {
            ApiCaller caller = new ApiCaller();
            caller.id = DEMO_SHOP;
            caller.createdAt = clock.instant();
            caller.persist();
        }
        ApiKey key = newDemoKey("shop", Roles.SHOP);
        if (key != null) {
            key.callerId = DEMO_SHOP;
            key.persist();
        }
    }

    /** A person's demo key belongs to the demo user of the same name; without that user it is not seeded. */
    private void seedPersonKey(String username, String role) {
        ConsoleUser user = ConsoleUser.findById(username);
        if (user == null || !user.demo || !user.role.equals(role)) {
            LOG.warnf("The demo key demo-%s-key is not seeded: there is no demo user %s with the role %s", username, username, role);
            return;
        }
        ApiKey key = newDemoKey(username, role);
        if (key != null) {
            key.userId = username;
            key.persist();
        }
    }

    /** A new, unsaved demo key, or null when it exists. */
    private ApiKey newDemoKey(String name, String role) {
        String hash = ApiKeys.hash("demo-" + name + "-key");
        if (ApiKey.find("keyHash", hash).firstResult() != null) {
            return null;
        }
        ApiKey apiKey = new ApiKey();
        apiKey.id = "key-demo-" + name;
        apiKey.owner = "demo-" + name;
        apiKey.role = role;
        apiKey.keyHash = hash;
        apiKey.demo = true;
        apiKey.active = true;
        apiKey.createdAt = clock.instant();
        return apiKey;
    }
}

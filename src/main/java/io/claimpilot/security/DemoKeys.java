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
 * a demo key in production would let anyone refund.
 */
@ApplicationScoped
public class DemoKeys {

    private static final Logger LOG = Logger.getLogger(DemoKeys.class);
    static final List<String> ROLES = List.of(Roles.SHOP, Roles.AGENT, Roles.ANALYST, Roles.ACCOUNTANT, Roles.ADMIN);

    @ConfigProperty(name = "claimpilot.demo.seed-keys")
    boolean seedDemoKeys;

    @Inject
    Clock clock;

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (seedDemoKeys) {
                seed();
            } else if (ApiKey.countActiveDemoKeys() > 0) {
                throw new IllegalStateException("Demo API keys are active: revoke them before starting outside the demo profile"
                        + " (profiles " + ConfigUtils.getProfiles() + ", launch mode " + LaunchMode.current() + ")");
            }
        });
    }

    private void seed() {
        for (String role : ROLES) {
            seed(role, role);
        }
        // A second analyst, so the demo can show two-person activation: one uploads, the other activates.
        seed("analyst2", Roles.ANALYST);
        LOG.info("Demo API keys are active: demo-shop-key, demo-agent-key, demo-analyst-key, demo-analyst2-key,"
                + " demo-accountant-key, demo-admin-key");
    }

    private void seed(String name, String role) {
        String hash = ApiKeys.hash("demo-" + name + "-key");
        if (ApiKey.find("keyHash", hash).firstResult() == null) {
            ApiKey apiKey = new ApiKey();
            apiKey.id = "key-demo-" + name;
            apiKey.owner = "demo-" + name;
            apiKey.role = role;
            apiKey.keyHash = hash;
            apiKey.demo = true;
            apiKey.active = true;
            apiKey.createdAt = clock.instant();
            apiKey.persist();
        }
    }
}

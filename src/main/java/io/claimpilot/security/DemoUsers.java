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

import java.util.List;

/**
 * Seeds the documented demo console users in the demo profile, and refuses to start anywhere else while one is
 * active, like {@link DemoKeys}: a known password in production would let anyone refund.
 */
@ApplicationScoped
public class DemoUsers {

    private static final Logger LOG = Logger.getLogger(DemoUsers.class);

    /** username, role, display name; the password is {@code <username>-demo-pass} (documented in the README). */
    static final List<List<String>> USERS = List.of(
            List.of("agent", Roles.AGENT, "Alex Agent"),
            List.of("agent2", Roles.AGENT, "Sam Second-Agent"),
            List.of("analyst", Roles.ANALYST, "Ana Analyst"),
            // A second analyst: two-person activation needs someone other than the version's author.
            List.of("analyst2", Roles.ANALYST, "Bea Second-Analyst"),
            List.of("admin", Roles.ADMIN, "Ada Admin"),
            List.of("accountant", Roles.ACCOUNTANT, "Max Accountant"));

    @ConfigProperty(name = "claimpilot.demo.seed-users")
    boolean seedDemoUsers;

    @Inject
    ConsoleUsers users;

    public static String demoPassword(String username) {
        return username + "-demo-pass";
    }

    /** After {@link DemoKeys} (default priority APPLICATION + 500), so a refused start names the demo keys first. */
    void onStart(@Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (seedDemoUsers) {
                seed();
            } else if (ConsoleUser.countActiveDemoUsers() > 0) {
                throw new IllegalStateException("Demo console users are active: deactivate them before starting outside the demo"
                        + " profile (profiles " + ConfigUtils.getProfiles() + ", launch mode " + LaunchMode.current() + ")");
            }
        });
    }

    private void seed() {
        for (List<String> user : USERS) {
            if (ConsoleUser.findById(user.get(0)) == null) {
                users.persist(user.get(0), demoPassword(user.get(0)), user.get(1), user.get(2), true);
            }
        }
        LOG.info("Demo console users are active: agent, agent2, analyst, analyst2, admin, accountant (password <username>-demo-pass)");
    }
}

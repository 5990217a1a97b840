package io.claimpilot;

import io.claimpilot.security.UserAdministration;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

import java.util.List;

/**
 * {@code java -jar target/quarkus-app/quarkus-run.jar users create --name alice --role admin}: manages console users
 * offline. It boots the application the way the service does (the same database, embedded or external, the same
 * migrations and the same configuration), but listens on no public port and runs no job, then exits.
 */
public final class UsersCommand implements QuarkusApplication {

    /** Settings for the command's run only: no public port, no scheduled job, nothing but warnings in the log. */
    static void quietBoot() {
        setUnlessGiven("quarkus.http.host", "127.0.0.1");
        setUnlessGiven("quarkus.http.port", "0");
        setUnlessGiven("quarkus.http.ssl-port", "0");
        setUnlessGiven("quarkus.management.host", "127.0.0.1");
        setUnlessGiven("quarkus.management.port", "0");
        setUnlessGiven("quarkus.scheduler.enabled", "false");
        setUnlessGiven("claimpilot.policy.watch-folder", "false");
        setUnlessGiven("quarkus.log.level", "WARN");
        setUnlessGiven("quarkus.banner.enabled", "false");
    }

    static void main(String... args) {
        quietBoot();
        Quarkus.run(UsersCommand.class, args);
    }

    /** Injected, not looked up: a bean only looked up by type would be removed from the build as unused. */
    @Inject
    UserAdministration administration;

    @Override
    public int run(String... args) {
        // args come without the leading "users" (ClaimPilotMain took it).
        return administration.run(List.of(args), UserAdministration.system(), UserAdministration.operatingSystemActor());
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}

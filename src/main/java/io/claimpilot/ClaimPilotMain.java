package io.claimpilot;

import io.claimpilot.db.EmbeddedDatabase;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Starts the embedded PostgreSQL when no external one is configured, then the service. */
@QuarkusMain
public final class ClaimPilotMain {

    private ClaimPilotMain() {
    }

    public static void main(String... args) {
        EmbeddedDatabase database = EmbeddedDatabase.startUnlessConfigured();
        if (database != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(database), "embedded-postgres-stop"));
        }
        Quarkus.run(args);
    }

    /** Shutdown hooks run in no set order: wait for the application to stop before its database does. */
    private static void stopAfterQuarkus(EmbeddedDatabase database) {
        try {
            Application application = Application.currentApplication();
            if (application != null) {
                application.stop();
            }
        } finally {
            database.close();
        }
    }
}

package io.claimpilot;

import io.claimpilot.db.EmbeddedDatabase;
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
            // Runs after Quarkus' own shutdown hook has begun; the server stops once the JVM is leaving.
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
        }
        Quarkus.run(args);
    }
}

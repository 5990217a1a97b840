package io.claimpilot;

import io.claimpilot.db.EmbeddedDatabase;
import io.claimpilot.security.SessionEncryptionKey;
import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * Starts the embedded PostgreSQL when no external one is configured, then the service.
 * {@code validate <folder>} checks a policy folder offline instead, with nothing started; {@code users ...} manages
 * console users against the same database, without serving requests ({@link UsersCommand}).
 */
@QuarkusMain
public final class ClaimPilotMain {

    private ClaimPilotMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(ValidateCommand.run(args));
        }
        // Before Quarkus reads its configuration: an unset key would be made by Quarkus and logged in clear.
        SessionEncryptionKey.settle();
        EmbeddedDatabase database = EmbeddedDatabase.startUnlessConfigured();
        if (database != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(database), "embedded-postgres-stop"));
        }
        if (args.length > 0 && args[0].equals("users")) {
            UsersCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
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

package io.claimpilot.support;

import io.claimpilot.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A throw-away embedded PostgreSQL for the whole test run: real PostgreSQL, no Docker. */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        database = EmbeddedDatabase.start(null);
        // The service connects as the role the running service uses, Flyway as the schema's owner, as in production.
        return database.quarkusProperties();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}

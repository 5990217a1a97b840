package io.claimpilot.support;

import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations run into a schema of their own, on the tests' database, to test an upgrade: migrate to just before
 * the version under test, put rows as the service left them, migrate on, read what became of them. Drop it after.
 */
public final class UpgradeSchema {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    /** The database owner migrates, as Flyway does for the service; the service's own role may create no schema. */
    private static final String OWNER = "postgres";

    private final String url;
    private final String schema;

    /** @param url the tests' {@code quarkus.datasource.jdbc.url} */
    public UpgradeSchema(String url, String schema) {
        this.url = url;
        this.schema = schema;
    }

    /** Every migration before {@code version}, whichever other features added (or left gaps in the numbers). */
    public void migrateToJustBefore(int version) throws IOException {
        migrateTo(lastVersionBefore(version));
    }

    public void migrateTo(int version) {
        // No service role: V16 grants and revokes on schema public by name (the service's schema), so run here it would
        // give the service back UPDATE on public's claim_audit and the Flyway history. The upgrade is read as the owner.
        Flyway.configure().dataSource(url, OWNER, OWNER).schemas(schema).createSchemas(true)
                .placeholders(Map.of("serviceRole", ""))
                .locations("filesystem:" + MIGRATIONS).target(String.valueOf(version)).load().migrate();
    }

    public void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, OWNER, OWNER);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The first column of the first row. */
    public String one(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, OWNER, OWNER);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as(sql).isTrue();
            return result.getString(1);
        }
    }

    public void drop() throws SQLException {
        execute("drop schema if exists " + schema + " cascade");
    }

    private static int lastVersionBefore(int version) throws IOException {
        try (var files = Files.list(MIGRATIONS)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .filter(existing -> existing < version).max().orElseThrow();
        }
    }
}

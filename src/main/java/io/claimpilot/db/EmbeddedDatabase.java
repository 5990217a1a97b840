package io.claimpilot.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default database: a real PostgreSQL server from Maven, keeping its data in a folder so claims
 * survive a restart. It starts only when no JDBC URL is configured; a configured URL means an external server.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL in {@code dataDirectory}; a null directory means a throw-away one (tests). */
    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            // The library starts PostgreSQL without fsync, fine for tests but not for data that must survive a crash.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new EmbeddedDatabase(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start", e);
        }
    }

    /**
     * Starts the embedded server unless a JDBC URL is configured through the environment or a system property,
     * and points Quarkus at it through system properties. Returns null when an external server is configured.
     */
    public static EmbeddedDatabase startUnlessConfigured() {
        if (isSet(System.getenv("QUARKUS_DATASOURCE_JDBC_URL")) || isSet(System.getProperty(URL_PROPERTY))) {
            return null;
        }
        Path dataDirectory = Path.of(firstSet(System.getProperty("claimpilot.embedded-postgres.data-dir"),
                System.getenv("CLAIMPILOT_EMBEDDED_POSTGRES_DATA_DIR"), "data/postgres"));
        EmbeddedDatabase database = start(dataDirectory);
        database.configureQuarkus();
        LOG.infof("Started the embedded PostgreSQL on port %d with data in %s", database.port(), dataDirectory.toAbsolutePath());
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    /** A setting as the running server sees it. */
    public String setting(String name) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.prepareStatement("select current_setting(?)")) {
            statement.setString(1, name);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read setting " + name, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    private void configureQuarkus() {
        System.setProperty(URL_PROPERTY, jdbcUrl());
        System.setProperty("quarkus.datasource.username", "postgres");
        System.setProperty("quarkus.datasource.password", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("The embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (isSet(value)) {
                return value;
            }
        }
        return null;
    }
}

package io.claimpilot.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The embedded default database: a real PostgreSQL server from Maven, keeping its data in a folder so claims
 * survive a restart. It starts only when no JDBC URL is configured; a configured URL means an external server.
 *
 * <p>Like an external server set up by the README, it has two roles: {@value #OWNER_ROLE} owns the schema and is
 * the one Flyway migrates with; the running service connects as {@value #SERVICE_ROLE}, which may read and write
 * rows but owns nothing, so it can neither alter nor drop a table, nor remove the trigger that keeps
 * {@code claim_audit} append-only. Their passwords are new at every start: nothing outside this process needs them.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String OWNER_ROLE = "claimpilot_owner";
    public static final String SERVICE_ROLE = "claimpilot_service";

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddedPostgres postgres;
    /** Stops PostgreSQL if this JVM dies without running {@link #close()}; null for a throw-away folder. */
    private final PostmasterWatchdog watchdog;
    private final String ownerPassword = newPassword();
    private final String servicePassword = newPassword();

    private EmbeddedDatabase(EmbeddedPostgres postgres, PostmasterWatchdog watchdog) {
        this.postgres = postgres;
        this.watchdog = watchdog;
    }

    /**
     * Starts PostgreSQL in {@code dataDirectory}; a null directory means a throw-away one (tests). A PostgreSQL that
     * an earlier run left running on the same folder (after a {@code kill -9}) is stopped first: see
     * {@link StalePostmaster}.
     */
    public static EmbeddedDatabase start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /** As {@link #start(Path)}, listening on {@code port}, or on any free port when it is 0. */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            // The library starts PostgreSQL without fsync, fine for tests but not for data that must survive a crash.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            Path folder = null;
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                // Absolute, so that the postmaster's command line names the folder unambiguously (see StalePostmaster).
                folder = StalePostmaster.normalised(dataDirectory);
                StalePostmaster.stopIfRunning(folder);
                builder.setDataDirectory(folder).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            PostmasterWatchdog watchdog = null;
            if (folder != null) {
                OptionalLong pid = StalePostmaster.pidFromPidFile(folder);
                if (pid.isPresent()) {
                    watchdog = PostmasterWatchdog.start(pid.getAsLong(), folder);
                } else {
                    LOG.warnf("No postmaster.pid in %s after start: the embedded PostgreSQL will not be stopped if this"
                            + " process is killed", folder);
                }
            }
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, watchdog);
            database.prepareRoles();
            return database;
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
        String port = firstSet(System.getProperty("claimpilot.embedded-postgres.port"),
                System.getenv("CLAIMPILOT_EMBEDDED_POSTGRES_PORT"), "0");
        EmbeddedDatabase database = start(dataDirectory, port(port));
        database.configureQuarkus();
        LOG.infof("Started the embedded PostgreSQL on port %d with data in %s", database.port(), dataDirectory.toAbsolutePath());
        return database;
    }

    private static int port(String setting) {
        try {
            int port = Integer.parseInt(setting.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("claimpilot.embedded-postgres.port (CLAIMPILOT_EMBEDDED_POSTGRES_PORT) must be"
                + " a port number, or 0 for any free port: '" + setting + "'");
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

    /**
     * What Quarkus needs to use this server: the service's own connection as {@value #SERVICE_ROLE}, and Flyway's
     * as {@value #OWNER_ROLE} ({@code quarkus.flyway.username}: same URL, other credentials).
     */
    public Map<String, String> quarkusProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(URL_PROPERTY, jdbcUrl());
        properties.put("quarkus.datasource.username", SERVICE_ROLE);
        properties.put("quarkus.datasource.password", servicePassword);
        properties.put("quarkus.flyway.username", OWNER_ROLE);
        properties.put("quarkus.flyway.password", ownerPassword);
        properties.put("claimpilot.db.service-role", SERVICE_ROLE);
        return properties;
    }

    private void configureQuarkus() {
        quarkusProperties().forEach(System::setProperty);
    }

    /**
     * Creates the owner and the service role (or sets their passwords for this run), and hands whatever the
     * superuser created in the schema before these roles existed (a data folder from an older version) to the owner,
     * so that Flyway, migrating as the owner, may change it.
     */
    private void prepareRoles() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            for (String role : new String[] {OWNER_ROLE, SERVICE_ROLE}) {
                statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role + "') then"
                        + " create role " + role + "; end if; end $$");
            }
            statement.execute("alter role " + OWNER_ROLE + " with login nosuperuser nocreatedb nocreaterole noreplication"
                    + " password '" + ownerPassword + "'");
            statement.execute("alter role " + SERVICE_ROLE + " with login nosuperuser nocreatedb nocreaterole noreplication"
                    + " password '" + servicePassword + "'");
            // PostgreSQL 14 lets every role create tables in public: only the owner may.
            statement.execute("revoke create on schema public from public");
            statement.execute("grant usage, create on schema public to " + OWNER_ROLE);
            statement.execute("grant usage on schema public to " + SERVICE_ROLE);
            statement.execute("""
                    do $$
                    declare item record;
                    begin
                        for item in select c.oid::regclass as name from pg_class c
                                     where c.relnamespace = 'public'::regnamespace and c.relowner <> '%1$s'::regrole
                                       and c.relkind in ('r', 'p', 'v', 'm', 'f') loop
                            execute format('alter table %%s owner to %1$s', item.name);
                        end loop;
                        -- Sequences behind a serial column follow their table; only free-standing ones are left.
                        for item in select c.oid::regclass as name from pg_class c
                                     where c.relnamespace = 'public'::regnamespace and c.relowner <> '%1$s'::regrole
                                       and c.relkind = 'S' and not exists (select 1 from pg_depend d where d.objid = c.oid
                                                                           and d.deptype in ('a', 'i')) loop
                            execute format('alter sequence %%s owner to %1$s', item.name);
                        end loop;
                        for item in select p.oid::regprocedure as name from pg_proc p
                                     where p.pronamespace = 'public'::regnamespace and p.proowner <> '%1$s'::regrole loop
                            execute format('alter function %%s owner to %1$s', item.name);
                        end loop;
                    end $$""".formatted(OWNER_ROLE));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the roles of the embedded PostgreSQL", e);
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("The embedded PostgreSQL did not stop cleanly", e);
        } finally {
            if (watchdog != null) {
                watchdog.close();
            }
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

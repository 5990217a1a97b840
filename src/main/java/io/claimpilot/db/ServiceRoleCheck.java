package io.claimpilot.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Set;

/**
 * The service's own connection must not be able to undo the audit trail: it may not be a superuser nor own
 * claim_audit (README, "Database roles"). Outside the demo, dev and test profiles the service refuses to start
 * otherwise; in them (where integration tests point the jar at a throw-away server as its superuser) it warns.
 */
@ApplicationScoped
public class ServiceRoleCheck {

    private static final Logger LOG = Logger.getLogger(ServiceRoleCheck.class);
    private static final Set<String> RELAXED_PROFILES = Set.of("demo", "dev", "test");

    @Inject
    AgroalDataSource dataSource;

    void onStart(@Observes StartupEvent event) throws SQLException {
        String problem;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select current_user, r.rolsuper,"
                     + " pg_has_role(current_user, c.relowner, 'USAGE') from pg_roles r, pg_class c"
                     + " where r.rolname = current_user and c.oid = to_regclass('claim_audit')")) {
            problem = result.next() ? problem(result.getString(1), result.getBoolean(2), result.getBoolean(3)) : null;
        }
        requireSeparateRoles(problem, ConfigUtils.getProfiles());
    }

    static String problem(String role, boolean superuser, boolean ownsAudit) {
        if (superuser) {
            return "The service connects to PostgreSQL as the superuser " + role;
        }
        return ownsAudit ? "The service connects to PostgreSQL as " + role + ", the owner of claim_audit" : null;
    }

    static void requireSeparateRoles(String problem, Collection<String> profiles) {
        if (problem == null) {
            return;
        }
        String message = problem + ": it could drop the trigger that keeps the audit trail append-only. Connect as a"
                + " role that owns no table (QUARKUS_DATASOURCE_USERNAME) and migrate as the owner (QUARKUS_FLYWAY_USERNAME);"
                + " README, \"Database roles\"";
        if (profiles.stream().anyMatch(RELAXED_PROFILES::contains)) {
            LOG.warn(message);
        } else {
            throw new IllegalStateException(message);
        }
    }
}

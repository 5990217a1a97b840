package io.claimpilot.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The running service's database role cannot undo the audit trail: it owns no table, so it can neither drop the
 * append-only trigger nor alter, truncate or rewrite claim_audit; Flyway, migrating as the owner, still runs every
 * migration, and a table a later migration creates is usable by the service without a new grant.
 */
@QuarkusTest
class ServiceRoleTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Flyway flyway;

    @Test
    void theServiceConnectionIsNeitherSuperuserNorOwnerOfAnyTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select current_user")).isEqualTo(EmbeddedDatabase.SERVICE_ROLE);
            assertThat(single(statement, "select rolsuper::text from pg_roles where rolname = current_user")).isEqualTo("false");
            assertThat(single(statement, "select count(*)::text from pg_class where relnamespace = 'public'::regnamespace"
                    + " and pg_has_role(current_user, relowner, 'USAGE')")).isEqualTo("0");
            assertThat(single(statement, "select tableowner from pg_tables where tablename = 'claim_audit'"))
                    .isEqualTo(EmbeddedDatabase.OWNER_ROLE);
        }
    }

    @Test
    void theServiceConnectionCannotRemoveTheAppendOnlyTriggerNorAlterTruncateOrRewriteTheAuditTable() throws SQLException {
        List<String> attacks = List.of(
                "drop trigger claim_audit_no_update_or_delete on claim_audit",
                "alter table claim_audit disable trigger claim_audit_no_update_or_delete",
                "alter table claim_audit disable trigger all",
                "create or replace function claim_audit_is_append_only() returns trigger language plpgsql as $$ begin return new; end $$",
                "alter table claim_audit add column note text",
                "drop table claim_audit cascade",
                "truncate claim_audit",
                "update claim_audit set reason = 'rewritten'",
                "delete from claim_audit",
                "alter table claim_audit owner to " + EmbeddedDatabase.SERVICE_ROLE,
                "create table claim_audit_copy (id bigint)",
                "set claimpilot.erasing_audit_texts = 'on'; update claim_audit set reason = 'rewritten'");
        for (String attack : attacks) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute(attack)).as(attack).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("permission denied", "must be owner"));
            }
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select count(*)::text from pg_trigger where tgrelid = 'claim_audit'::regclass"
                    + " and tgenabled = 'O' and tgname in ('claim_audit_no_update_or_delete', 'claim_audit_no_truncate')"))
                    .isEqualTo("2");
            assertThat(single(statement, "select has_table_privilege('claim_audit', 'INSERT')::text")).isEqualTo("true");
            assertThat(single(statement, "select has_table_privilege('claim_audit', 'SELECT')::text")).isEqualTo("true");
        }
    }

    @Test
    void evenTheOwnerIsStoppedByTheTriggerAndTheErasureExceptionChangesTextsOnly() throws SQLException {
        // At least one audit row, so the row triggers have something to fire on.
        io.claimpilot.support.Api.as(io.claimpilot.support.Api.SHOP)
                .body(io.claimpilot.support.Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").map())
                .post("/api/claims").then().statusCode(201);
        try (Connection owner = flyway.getConfiguration().getDataSource().getConnection();
             Statement statement = owner.createStatement()) {
            for (String attack : List.of("update claim_audit set reason = 'rewritten'", "delete from claim_audit",
                    "begin; set local claimpilot.erasing_audit_texts = 'on'; update claim_audit set to_status = 'DENIED'")) {
                assertThatThrownBy(() -> statement.execute(attack)).as(attack).hasMessageContaining("append-only");
                statement.execute("rollback");
            }
        }
    }

    @Test
    void flywayMigratesAsTheOwnerAndTheServiceCannotReadItsHistory() throws SQLException {
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).isNotEmpty();
        assertThat(Arrays.stream(applied).map(MigrationInfo::getState)).allMatch(state -> state.isApplied() && !state.isFailed());
        assertThat(Arrays.stream(applied).map(info -> info.getVersion().getVersion())).contains("1", "16");
        assertThat(Arrays.stream(applied).map(MigrationInfo::getInstalledBy)).containsOnly(EmbeddedDatabase.OWNER_ROLE);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select count(*) from flyway_schema_history"))
                    .hasMessageContaining("denied");
        }
    }

    @Test
    void everyTableTheMigrationsCreatedIsReadableAndWritableByTheService() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select coalesce(string_agg(relname, ', ' order by relname), '') from pg_class"
                    + " where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and relname <> 'flyway_schema_history'"
                    + " and not (has_table_privilege(oid, 'SELECT') and has_table_privilege(oid, 'INSERT'))"))
                    .as("tables the service cannot read or write").isEmpty();
            assertThat(single(statement, "select coalesce(string_agg(relname, ', ' order by relname), '') from pg_class"
                    + " where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')"
                    + " and relname not in ('flyway_schema_history', 'claim_audit')"
                    + " and not (has_table_privilege(oid, 'UPDATE') and has_table_privilege(oid, 'DELETE'))"))
                    .as("tables the service cannot update").isEmpty();
        }
    }

    @Test
    void aTableCreatedByALaterMigrationIsGrantedToTheServiceByDefault() throws SQLException {
        try (Connection owner = flyway.getConfiguration().getDataSource().getConnection();
             Statement statement = owner.createStatement()) {
            assertThat(single(statement, "select current_user")).isEqualTo(EmbeddedDatabase.OWNER_ROLE);
            statement.execute("create table if not exists later_migration_table (id bigserial primary key, note text)");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into later_migration_table (note) values ('written by the service')");
            assertThat(single(statement, "select count(*)::text from later_migration_table where note = 'written by the service'"))
                    .isNotEqualTo("0");
            assertThatThrownBy(() -> statement.execute("drop table later_migration_table")).hasMessageContaining("owner");
        } finally {
            try (Connection owner = flyway.getConfiguration().getDataSource().getConnection();
                 Statement statement = owner.createStatement()) {
                statement.execute("drop table later_migration_table");
            }
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}

package io.claimpilot.security;

import io.quarkus.test.junit.QuarkusTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V15 on a database as the service left it before: the migrations up to V14 in a schema of their own, keys and a
 * waiting proposal as they were, then V15. Keys of people end up with their users (or revoked), shop keys keep their
 * claims, and the waiting proposal can be approved by name.
 */
@QuarkusTest
class KeysBelongToUsersMigrationTest {

    private static final String SCHEMA = "v15_upgrade";

    /** The database owner migrates, as Flyway does for the service; the service's own role may create no schema. */
    private static final String OWNER = "postgres";

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(url, OWNER, OWNER).schemas(SCHEMA).createSchemas(true)
                .locations("filesystem:src/main/resources/db/migration").target(target).load();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("drop schema if exists " + SCHEMA + " cascade");
    }

    @Test
    void existingKeysAreAttachedToUsersOrRevokedAndShopKeysKeepTheirClaims() throws Exception {
        flyway(lastVersionBefore15()).migrate();
        execute("""
                insert into v15_upgrade.console_user (username, password_hash, role, demo, active, created_at) values
                  ('agent', 'x', 'agent', true, true, now()),
                  ('carol', 'x', 'analyst', false, true, now());
                insert into v15_upgrade.api_key (id, owner, role, key_hash, demo, active, created_at) values
                  ('key-demo-agent', 'demo-agent', 'agent', repeat('a', 64), true, true, now()),
                  ('key-demo-admin', 'demo-admin', 'admin', repeat('b', 64), true, true, now()),
                  ('key-carol', 'carol', 'analyst', repeat('c', 64), false, true, now()),
                  ('key-script', 'nightly script', 'agent', repeat('d', 64), false, true, now()),
                  ('key-acme-1', 'Acme', 'shop', repeat('e', 64), false, true, now()),
                  ('key-acme-2', 'Acme', 'shop', repeat('f', 64), false, true, now()),
                  ('key-named-shopify', 'shopify', 'shop', repeat('0', 64), false, true, now());
                insert into v15_upgrade.claim (id, caller, external_id, order_id, reason, customer_id, amount, currency,
                  fulfillment, order_total_paid, items, status, created_at, updated_at) values
                  ('cl_acme', 'Acme', 'e-1', 'o-1', 'DAMAGED', 'c-1', 400, 'EUR', 'DELIVERED', 400, '[]', 'IN_REVIEW', now(), now());
                insert into v15_upgrade.review_task (claim_id, reason, created_at, sla_due, currency, proposed_action,
                  proposed_amount, proposed_by, proposed_note, proposed_at) values
                  ('cl_acme', 'review', now(), now() + interval '1 day', 'EUR', 'REFUND', 350, 'agent', 'goodwill', now());
                """);

        flyway("15").migrate();

        assertThat(one("select user_id from v15_upgrade.api_key where id = 'key-demo-agent'")).isEqualTo("agent");
        assertThat(one("select count(*) from v15_upgrade.api_key where id = 'key-demo-admin'")).isEqualTo("0");
        assertThat(one("select user_id from v15_upgrade.api_key where id = 'key-carol'")).isEqualTo("carol");
        assertThat(one("select active || ' ' || revoked_by from v15_upgrade.api_key where id = 'key-script'"))
                .isEqualTo("false migration V15: no console user owns this key");
        assertThat(one("select string_agg(caller_id, ',' order by id) from v15_upgrade.api_key where owner = 'Acme'"))
                .isEqualTo("Acme,Acme");
        assertThat(one("select caller_id from v15_upgrade.api_key where id = 'key-named-shopify'")).isEqualTo("legacy-key-named-shopify");
        assertThat(one("select count(*) from v15_upgrade.api_caller where id = 'shopify'")).isEqualTo("0");
        assertThat(one("select p.amount || ' ' || p.proposed_by from v15_upgrade.review_task t"
                + " join v15_upgrade.refund_proposal p on p.id = t.proposal_id where t.claim_id = 'cl_acme'"))
                .isEqualTo("350.0000 agent");
    }

    /** The migration just before V15, whichever other features added (V13, V14) or not. */
    private static String lastVersionBefore15() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            return String.valueOf(files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .filter(version -> version < 15).max().orElseThrow());
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = java.sql.DriverManager.getConnection(url, OWNER, OWNER);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String one(String sql) throws SQLException {
        try (Connection connection = java.sql.DriverManager.getConnection(url, OWNER, OWNER);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as(sql).isTrue();
            return result.getString(1);
        }
    }
}

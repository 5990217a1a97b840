package io.claimpilot.security;

import io.claimpilot.support.UpgradeSchema;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V15 on a database as the service left it before: the migrations up to V14 in a schema of their own, keys and a
 * waiting proposal as they were, then V15. Keys of people end up with their users (or revoked), shop keys keep their
 * claims, and the waiting proposal can be approved by name.
 */
@QuarkusTest
class KeysBelongToUsersMigrationTest {

    private static final String SCHEMA = "v15_upgrade";

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    private UpgradeSchema schema() {
        return new UpgradeSchema(url, SCHEMA);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema().drop();
    }

    @Test
    void existingKeysAreAttachedToUsersOrRevokedAndShopKeysKeepTheirClaims() throws Exception {
        UpgradeSchema schema = schema();
        schema.migrateToJustBefore(15);
        schema.execute("""
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

        schema.migrateTo(15);

        assertThat(schema.one("select user_id from v15_upgrade.api_key where id = 'key-demo-agent'")).isEqualTo("agent");
        assertThat(schema.one("select count(*) from v15_upgrade.api_key where id = 'key-demo-admin'")).isEqualTo("0");
        assertThat(schema.one("select user_id from v15_upgrade.api_key where id = 'key-carol'")).isEqualTo("carol");
        assertThat(schema.one("select active || ' ' || revoked_by from v15_upgrade.api_key where id = 'key-script'"))
                .isEqualTo("false migration V15: no console user owns this key");
        assertThat(schema.one("select string_agg(caller_id, ',' order by id) from v15_upgrade.api_key where owner = 'Acme'"))
                .isEqualTo("Acme,Acme");
        assertThat(schema.one("select caller_id from v15_upgrade.api_key where id = 'key-named-shopify'")).isEqualTo("legacy-key-named-shopify");
        assertThat(schema.one("select count(*) from v15_upgrade.api_caller where id = 'shopify'")).isEqualTo("0");
        assertThat(schema.one("select p.amount || ' ' || p.proposed_by from v15_upgrade.review_task t"
                + " join v15_upgrade.refund_proposal p on p.id = t.proposal_id where t.claim_id = 'cl_acme'"))
                .isEqualTo("350.0000 agent");
    }
}

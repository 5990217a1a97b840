package io.claimpilot.claimform;

import io.claimpilot.support.UpgradeSchema;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V32 on a database as the service left it before: the words customers typed on the form, kept with their links, move
 * to the claims the links made; a claim made otherwise has none, and the links keep no copy.
 */
@QuarkusTest
class CustomerDescriptionMigrationTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    private UpgradeSchema schema() {
        return new UpgradeSchema(url, "v32_upgrade");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        schema().drop();
    }

    @Test
    void theWordsOfUsedLinksMoveToTheirClaimsAndTheLinksKeepNoCopy() throws Exception {
        UpgradeSchema schema = schema();
        schema.migrateToJustBefore(32);
        schema.execute("""
                insert into v32_upgrade.claim (id, caller, external_id, order_id, reason, customer_id, amount, currency,
                  fulfillment, order_total_paid, items, status, created_at, updated_at) values
                  ('cl_form', 'shop', 'lnk_used', 'o-1', 'DAMAGED', 'c-1', 24.90, 'EUR', 'DELIVERED', 24.90, '[]', 'IN_REVIEW', now(), now()),
                  ('cl_api', 'shop', 'e-2', 'o-2', 'DAMAGED', 'c-2', 24.90, 'EUR', 'DELIVERED', 24.90, '[]', 'IN_REVIEW', now(), now());
                insert into v32_upgrade.claim_link (id, caller, order_id, facts, created_at, expires_at, claim_id, used_at, description) values
                  ('lnk_used', 'shop', 'o-1', '{}', now(), now() + interval '30 days', 'cl_form', now(), 'The <b>rim</b> was cracked'),
                  ('lnk_open', 'shop', 'o-3', '{}', now(), now() + interval '30 days', null, null, null);
                """);

        schema.migrateTo(32);

        assertThat(schema.one("select customer_description from v32_upgrade.claim where id = 'cl_form'"))
                .isEqualTo("The <b>rim</b> was cracked");
        assertThat(schema.one("select customer_description from v32_upgrade.claim where id = 'cl_api'")).isNull();
        assertThat(schema.one("select count(*) from information_schema.columns where table_schema = 'v32_upgrade'"
                + " and table_name = 'claim_link' and column_name = 'description'")).isEqualTo("0");
        assertThat(schema.one("select count(*) from v32_upgrade.claim_link")).isEqualTo("2");
    }
}

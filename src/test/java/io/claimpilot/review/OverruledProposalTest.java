package io.claimpilot.review;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * When the money-safety limits overrule a policy's proposal, the proposal is kept as fields of the decision, so an
 * agent's different resolution counts as an override of what the policy proposed. Decisions stored before those
 * fields existed are read once from their reason by the V10 migration.
 */
@QuarkusTest
class OverruledProposalTest {

    @Inject
    Db db;

    @Test
    void anAgentDenyingARefundTheKillSwitchHeldBackOverridesThePolicysProposal() throws IOException {
        String id = overruledRefund();
        assertThat(db.count("select count(*) from decision where claim_id = ?1 and action = 'HUMAN_REVIEW'"
                + " and overruled_action = 'REFUND' and overruled_amount = 20.00 and overruled_currency = 'EUR'", id)).isEqualTo(1);

        // As stored before #10: the proposal only in the reason's words. The migration reads it back once.
        db.execute("update decision set overruled_action = null, overruled_amount = null, overruled_currency = null"
                + " where claim_id = ?1", id);
        upgradeDecisions();
        assertThat(db.count("select count(*) from decision where claim_id = ?1 and action = 'HUMAN_REVIEW'"
                + " and overruled_action = 'REFUND' and overruled_amount = 20.00 and overruled_currency = 'EUR'", id)).isEqualTo(1);

        as(AGENT).body(Map.of("action", "DENY", "note", "The order shipped after all"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(200);

        as(AGENT).queryParam("overrides", true).queryParam("size", 100).get("/api/reviews/resolutions").then().statusCode(200)
                .body("items.find { it.claimId == '" + id + "' }.policyAction", equalTo("REFUND"))
                .body("items.find { it.claimId == '" + id + "' }.policyAmount.amount", equalTo("20.00"))
                .body("items.find { it.claimId == '" + id + "' }.agentAction", equalTo("DENY"))
                .body("items.find { it.claimId == '" + id + "' }.override", equalTo(true));
    }

    private static String overruledRefund() {
        as(ADMIN).body(Map.of("reason", "overruled proposal test")).post("/api/automation/pause").then().statusCode(200);
        try {
            return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").map()).post("/api/claims").then()
                    .statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
        } finally {
            as(ADMIN).post("/api/automation/resume").then().statusCode(200);
        }
    }

    private void upgradeDecisions() throws IOException {
        Arrays.stream(Files.readString(Path.of("src/main/resources/db/migration/V10__typed_actions.sql")).split(";"))
                .map(statement -> statement.replaceAll("(?m)^\\s*--.*$", "").strip())
                .filter(statement -> statement.startsWith("update decision"))
                .forEach(statement -> db.execute(statement));
    }
}

package io.claimpilot.policy;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

/**
 * A policy whose rule re-triggers itself through {@code modify}: refused at upload because its scenarios do not finish,
 * and, forced into the engine past validation, it sends claims to a person while intake and replay keep answering.
 * The class timeout only stops a build that hangs; nothing is timed.
 */
@QuarkusTest
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class UnfinishedPolicyTest {

    /** The latest activation is the one with the highest id, whatever its time. */
    private static final Instant CREATED = Instant.parse("2026-11-30T09:00:00Z");

    @Inject
    Db db;
    @Inject
    PolicySync sync;

    @Test
    void aPolicyThatLoopsInItsScenariosIsRefusedAtUploadAndNotStored() {
        String csv = "name,reason,amount,expected_action\nBig damaged mug,DAMAGED,250.00,HUMAN_REVIEW\n";
        String hash = new PolicySource(List.of(LoopingPolicies.file("looping.drl", LoopingPolicies.MODIFY_LOOP),
                LoopingPolicies.file(PolicySource.SCENARIOS + "loop.csv", csv))).hash();

        given().header("Authorization", "Bearer " + ANALYST).multiPart("comment", "re-check big claims").multiPart("replaceAll", "true")
                .multiPart("files", "looping.drl", LoopingPolicies.MODIFY_LOOP.getBytes(StandardCharsets.UTF_8))
                .multiPart("scenarios", "loop.csv", csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/policies").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("report.valid", equalTo(false))
                .body("report.problems[0].file", equalTo("scenarios/loop.csv"))
                .body("report.problems[0].line", equalTo(2))
                // Which limit stops it first depends on the machine's speed: on a busy one, the 200 ms come before 1,000 firings.
                .body("report.problems[0].message", matchesPattern("(?s)The policy did not finish for scenario 'Big damaged mug': it "
                        + "(fired more than 1000 rules|ran longer than the time limit of 200 ms).*"));

        assertThat(db.count("select count(*) from policy_version where hash = ?1", hash)).isZero();
    }

    @Test
    void aLoopingVersionForcedIntoTheEngineSendsClaimsToReviewAndIntakeAndReplayStillAnswer() {
        String original = as(ANALYST).get("/api/policy").path("version");
        PolicySource looping = new PolicySource(List.of(LoopingPolicies.file("looping.drl", LoopingPolicies.MODIFY_LOOP)));
        String hash = looping.hash();
        // Stored and activated as rows, the way no API call would let it through.
        db.execute("insert into policy_version (hash, author, comment, created_at, rule_names, origin)"
                + " values (?1, 'analyst', 'loops', ?2, '[]'::jsonb, 'UPLOAD') on conflict do nothing", hash, CREATED);
        db.execute("insert into policy_file (version_hash, name, content) values (?1, 'looping.drl', ?2) on conflict do nothing",
                hash, LoopingPolicies.MODIFY_LOOP.getBytes(StandardCharsets.UTF_8));
        activate(hash);
        try {
            as(SHOP).body(claim("DAMAGED", "250.00").item("MUG-01", 1, "250.00").map()).post("/api/claims").then()
                    .statusCode(201)
                    .body("status", equalTo("IN_REVIEW"))
                    .body("decision.policyVersion", equalTo(hash))
                    .body("decision.reasons[0]", startsWith("The policy did not finish: "))
                    .body("decision.rulesFired", equalTo(List.of(LoopingPolicies.LOOPING_RULE)));
            // The next claim is decided at once by the same version: nothing was left spinning or locked.
            as(SHOP).body(claim("DAMAGED", "40.00").item("MUG-01", 1, "40.00").map()).post("/api/claims").then()
                    .statusCode(201)
                    .body("status", equalTo("REFUND_APPROVED"));

            as(ANALYST).body(Map.of("last", 2)).post("/api/policies/" + hash + "/replay").then()
                    .statusCode(200)
                    .body("claims", equalTo(2))
                    .body("transitions.to", hasItem("HUMAN_REVIEW"));
        } finally {
            activate(original);
        }
        as(ANALYST).get("/api/policy").then().body("version", equalTo(original));
    }

    /** An activation row and the sync that follows it, as another replica's activation would arrive. */
    private void activate(String hash) {
        db.execute("insert into policy_activation (version_hash, proposed_by, activated_by, activated_at) values (?1, 'test', 'test', ?2)",
                hash, CREATED);
        sync.sync();
    }
}

package io.claimpilot.policy;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static org.hamcrest.Matchers.equalTo;

/**
 * Rule files name {@code io.claimpilot.facts.ClaimFacts}, {@code io.claimpilot.decision.PolicyOutcome} and
 * {@code DecisionAction} by their full names, and stored versions keep those names forever. A version stored before
 * the code was reorganised, put in the database as that code stored it, still compiles and replays.
 */
@QuarkusTest
class StoredPolicyVersionTest {

    private static final Path STORED = Path.of("src/test/resources/policy-versions/stored-before-10");

    @Inject
    Db db;

    @Test
    void aVersionStoredBeforeThePackagesMovedStillCompilesAndReplays() {
        PolicySource source = PolicySource.fromDirectory(STORED);
        String hash = source.hash();
        db.execute("insert into policy_version (hash, author, comment, created_at, rule_names, origin)"
                + " values (?1, 'analyst', 'stored before #10', ?2, '[]'::jsonb, 'UPLOAD') on conflict do nothing",
                hash, Instant.parse("2026-11-01T09:00:00Z"));
        for (PolicyFile file : source.files()) {
            db.execute("insert into policy_file (version_hash, name, content) values (?1, ?2, ?3) on conflict do nothing",
                    hash, file.name(), file.content());
        }
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "40.00").item("MUG-01", 1, "40.00").map())
                .post("/api/claims").then().statusCode(201);
        String flagged = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "43.21").item("MUG-01", 1, "43.21").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("REFUND_APPROVED")).extract().path("id");

        as(ANALYST).body(Map.of("last", 2)).post("/api/policies/" + hash + "/replay").then().statusCode(200)
                .body("version", equalTo(hash))
                .body("claims", equalTo(2))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'REFUND' }.count", equalTo(1))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'HUMAN_REVIEW' }.examples[0].claimId", equalTo(flagged))
                .body("transitions.find { it.from == 'REFUND' && it.to == 'HUMAN_REVIEW' }.examples[0].after.rulesFired",
                        org.hamcrest.Matchers.hasItem("Stored before #10: a claim of exactly 43.21 goes to a person"));
    }
}

package io.claimpilot.policy;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ANALYST2;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * The pilot through the API: who is in its cohort, which version decides, the control, the ramp-up with the service's
 * clock, completion at 100 % with an activation record, halting on each threshold, ending it, and its validation.
 * Each test uploads a version of its own, so counts cover only its own pilot's claims.
 */
@QuarkusTest
class PilotRolloutTest {

    @Inject
    PolicyRollouts rollouts;
    @Inject
    Db db;
    @Inject
    MutableClock clock;

    private String original;
    private Instant startedAt;

    @BeforeEach
    void rememberActiveVersionAndTime() {
        original = as(ANALYST).get("/api/policy").path("version");
        startedAt = clock.instant();
    }

    @AfterEach
    void endAnyPilotAndRestore() {
        rollouts.live().ifPresent(live -> as(ANALYST).delete("/api/policies/" + live.version() + "/rollout").then().statusCode(200));
        clock.set(startedAt);
        if (!original.equals(as(ANALYST).get("/api/policy").path("version"))) {
            as(ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
        }
    }

    /** A new version by {@code analyst}: the shipped guard rails with a unique comment, deciding as the active one does. */
    private static String upload(String key) {
        byte[] guardrails = (PolicyFixtures.shippedGuardrails() + "\n// pilot test " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        return given().header("Authorization", "Bearer " + key).multiPart("comment", "pilot test")
                .multiPart("files", "guardrails.drl", guardrails)
                .post("/api/policies").then().statusCode(201).extract().path("version");
    }

    /** A new customer id in (or out of) the pilot cohort of {@code version} at {@code percent}, by Guava's murmur3. */
    private static String customer(String version, double percent, boolean inPilot) {
        while (true) {
            String id = "cust-" + UUID.randomUUID();
            if ((PilotBucketsTest.guavaBucket(version, id) < percent * 100) == inPilot) {
                return id;
            }
        }
    }

    /** A cancelled order the starting policy refunds at once. */
    private static io.restassured.response.ValidatableResponse refundable(String customerId) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "20.00").customerId(customerId).item("MUG-01", 1, "20.00").map())
                .post("/api/claims").then().statusCode(201);
    }

    private static Map<String, Object> pilot(Object percent, String control) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("percent", percent);
        body.put("control", control);
        return body;
    }

    @Test
    void aPilotDecidesItsCohortWithItsVersionAndTheOthersWithTheActiveVersion() {
        String candidate = upload(ANALYST);
        String inPilot = customer(candidate, 30, true);
        String inControl = customer(candidate, 30, false);

        as(ANALYST2).body(pilot(30, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then()
                .statusCode(201)
                .body("version", equalTo(candidate))
                .body("percent", equalTo("30.00"))
                .body("control", equalTo("ACTIVE_VERSION"))
                .body("state", equalTo("RUNNING"))
                .body("proposedBy", equalTo("analyst"))
                .body("startedBy", equalTo("analyst2"))
                .body("history[0].kind", equalTo("STARTED"))
                .body("history[0].actor", equalTo("analyst2"));

        refundable(inPilot)
                .body("decision.action", equalTo("REFUND"))
                .body("decision.policyVersion", equalTo(candidate))
                .body("decision.decidedBy", equalTo("policy:" + candidate))
                .body("decision.cohort", equalTo("PILOT"));
        refundable(inControl)
                .body("decision.action", equalTo("REFUND"))
                .body("decision.policyVersion", equalTo(original))
                .body("decision.cohort", equalTo("CONTROL"));
        // The same customer stays in the same cohort.
        refundable(inPilot).body("decision.cohort", equalTo("PILOT"));

        as(ANALYST).delete("/api/policies/" + candidate + "/rollout").then().statusCode(200)
                .body("state", equalTo("ENDED"))
                .body("endedBy", equalTo("analyst"))
                .body("history.kind", equalTo(List.of("STARTED", "ENDED")));
        refundable(inPilot)
                .body("decision.policyVersion", equalTo(original))
                .body("decision.cohort", nullValue());
        as(ANALYST).delete("/api/policies/" + candidate + "/rollout").then().statusCode(404)
                .contentType("application/problem+json");
        as(ADMIN).get("/api/rollout").then().statusCode(200).body("version", equalTo(candidate)).body("state", equalTo("ENDED"));
    }

    @Test
    void withAHumanReviewControlTheControlGroupGoesToAPersonAndThePilotDecides() {
        String candidate = upload(ANALYST);
        as(ANALYST2).body(pilot(50, "HUMAN_REVIEW")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);

        refundable(customer(candidate, 50, false))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.action", equalTo("HUMAN_REVIEW"))
                .body("decision.cohort", equalTo("CONTROL"))
                .body("decision.policyVersion", equalTo(original))
                .body("decision.reasons[0]", equalTo("Pilot of policy " + candidate.substring(0, 12)
                        + ": this customer is in the control group, which a person decides"))
                .body("decision.reasons[1]", equalTo("The policy proposed REFUND 20.00 EUR"));
        refundable(customer(candidate, 50, true))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("decision.cohort", equalTo("PILOT"));
    }

    @Test
    void theKillSwitchStopsThePilotCohortToo() {
        String candidate = upload(ANALYST);
        as(ANALYST2).body(pilot(50, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        as(ADMIN).body(Map.of("reason", "pilot test")).post("/api/automation/pause").then().statusCode(200);
        try {
            refundable(customer(candidate, 50, true))
                    .body("decision.action", equalTo("HUMAN_REVIEW"))
                    .body("decision.cohort", equalTo("PILOT"))
                    .body("decision.policyVersion", equalTo(candidate))
                    .body("decision.reasons[0]", containsString("Automation is paused"));
        } finally {
            as(ADMIN).post("/api/automation/resume").then().statusCode(200);
        }
    }

    @Test
    void newEvidenceIsEvaluatedByTheVersionThatAskedForItInItsCohort() {
        String candidate = upload(ANALYST);
        as(ANALYST2).body(pilot(50, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        String sku = "SKU-" + UUID.randomUUID();
        as(ADMIN).body(Map.of("available", 3)).put("/api/stock/" + sku).then().statusCode(200);
        String id = as(SHOP).body(claim("DAMAGED", "30.00").customerId(customer(candidate, 50, true)).fulfillment("DELIVERED")
                        .item(sku, 1, "30.00").map())
                .post("/api/claims").then().statusCode(201)
                .body("decision.action", equalTo("REQUEST_EVIDENCE"))
                .body("decision.cohort", equalTo("PILOT"))
                .extract().path("id");
        // The pilot ends meanwhile: the claim is still finished by the version that asked, on its side of the pilot.
        as(ANALYST).delete("/api/policies/" + candidate + "/rollout").then().statusCode(200);

        as(SHOP).body(Map.of("type", "PHOTO", "url", "https://shop.example/photos/broken.jpg"))
                .post("/api/claims/" + id + "/evidence").then().statusCode(200)
                .body("decision.action", equalTo("RESHIP"))
                .body("decision.policyVersion", equalTo(candidate))
                .body("decision.cohort", equalTo("PILOT"));
    }

    @Test
    void scheduledStepsHappenAtTheirTimeAndReachingAHundredPercentActivatesTheVersion() {
        String candidate = upload(ANALYST);
        Instant now = clock.instant();
        Instant half = now.plus(Duration.ofDays(7));
        Instant all = now.plus(Duration.ofDays(14));
        Map<String, Object> body = pilot(10, "ACTIVE_VERSION");
        body.put("schedule", List.of(Map.of("percent", 50, "at", half.toString()), Map.of("percent", 100, "at", all.toString())));
        as(ANALYST2).body(body).put("/api/policies/" + candidate + "/rollout").then().statusCode(201)
                .body("schedule[0].percent", equalTo("50.00"))
                .body("schedule[0].at", equalTo(half.toString()))
                .body("schedule[0].happenedAt", nullValue())
                .body("schedule[1].percent", equalTo("100.00"));
        String joinsAtFifty = customer(candidate, 50, true);
        while (PilotBucketsTest.guavaBucket(candidate, joinsAtFifty) < 1000) {
            joinsAtFifty = customer(candidate, 50, true);
        }

        rollouts.runSchedule();
        as(ANALYST).get("/api/rollout").then().body("percent", equalTo("10.00"));
        refundable(joinsAtFifty).body("decision.cohort", equalTo("CONTROL"));

        clock.set(half.minusSeconds(1));
        rollouts.runSchedule();
        as(ANALYST).get("/api/rollout").then().body("percent", equalTo("10.00")).body("schedule[0].happenedAt", nullValue());

        clock.set(half.plusSeconds(30));
        rollouts.runSchedule();
        as(ACCOUNTANT).get("/api/rollout").then().statusCode(200)
                .body("percent", equalTo("50.00"))
                .body("state", equalTo("RUNNING"))
                .body("schedule[0].happenedAt", equalTo(half.plusSeconds(30).toString()))
                .body("schedule[1].happenedAt", nullValue());
        refundable(joinsAtFifty).body("decision.cohort", equalTo("PILOT")).body("decision.policyVersion", equalTo(candidate));
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("claimpilot_pilot_percent 50.0"))
                .body(containsString("claimpilot_pilot_halted 0.0"));

        clock.set(all.plusSeconds(5));
        rollouts.runSchedule();
        as(ANALYST).get("/api/rollout").then()
                .body("state", equalTo("COMPLETED"))
                .body("percent", equalTo("100.00"))
                .body("schedule[1].happenedAt", equalTo(all.plusSeconds(5).toString()))
                .body("endedBy", equalTo(PolicyRollouts.SCHEDULE_ACTOR))
                .body("history.kind", equalTo(List.of("STARTED", "STEP", "STEP", "COMPLETED")));
        as(ANALYST).get("/api/policy").then().body("version", equalTo(candidate));
        as(ANALYST).get("/api/policies/" + candidate).then()
                .body("active", equalTo(true))
                .body("activations.size()", equalTo(1))
                .body("activations[0].proposedBy", equalTo("analyst"))
                .body("activations[0].activatedBy", equalTo("analyst2"))
                .body("activations[0].activatedAt", equalTo(all.plusSeconds(5).toString()));
        // No pilot runs any more: decisions have no cohort, and the metrics say so.
        refundable(customer(candidate, 10, false)).body("decision.cohort", nullValue()).body("decision.policyVersion", equalTo(candidate));
        management().get("/q/metrics").then().body(containsString("claimpilot_pilot_percent 0.0"));
    }

    @Test
    void replicasRunningTheScheduleTogetherMakeEachStepOnce() throws Exception {
        String candidate = upload(ANALYST);
        Instant due = clock.instant().plus(Duration.ofHours(1));
        Map<String, Object> body = pilot(10, "ACTIVE_VERSION");
        body.put("schedule", List.of(Map.of("percent", 100, "at", due.toString())));
        as(ANALYST2).body(body).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        clock.set(due.plusSeconds(1));

        // Four runs at once, each in its own transaction, as four replicas' jobs would be.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> runs = java.util.stream.IntStream.range(0, 4)
                    .<java.util.concurrent.Future<?>>mapToObj(i -> pool.submit(() -> {
                        start.await();
                        rollouts.runSchedule();
                        return null;
                    })).toList();
            start.countDown();
            for (var run : runs) {
                run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        as(ANALYST).get("/api/rollout").then()
                .body("state", equalTo("COMPLETED"))
                .body("history.kind", equalTo(List.of("STARTED", "STEP", "COMPLETED")));
        as(ANALYST).get("/api/policies/" + candidate).then().body("activations.size()", equalTo(1));
        as(ANALYST).get("/api/policy").then().body("version", equalTo(candidate));
    }

    @Test
    void anAnalystRampsByHandWithAnotherPut() {
        String candidate = upload(ANALYST);
        as(ANALYST2).body(pilot(5, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        as(ANALYST2).body(pilot(20.5, "HUMAN_REVIEW")).put("/api/policies/" + candidate.substring(0, 12) + "/rollout").then()
                .statusCode(200)
                .body("percent", equalTo("20.50"))
                .body("control", equalTo("HUMAN_REVIEW"))
                .body("startedBy", equalTo("analyst2"))
                .body("history.kind", equalTo(List.of("STARTED", "CHANGED")));
    }

    @Test
    void aPilotStartedAtAHundredPercentActivatesItsVersionAtOnce() {
        String candidate = upload(ANALYST);
        as(ANALYST2).body(pilot(100, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201)
                .body("state", equalTo("COMPLETED"))
                .body("history.kind", equalTo(List.of("STARTED", "COMPLETED")));
        as(ANALYST).get("/api/policy").then().body("version", equalTo(candidate));
        as(ANALYST).get("/api/policies/" + candidate).then()
                .body("activations[0].activatedBy", equalTo("analyst2"))
                .body("activations[0].proposedBy", equalTo("analyst"));
        refundable(customer(candidate, 50, true)).body("decision.cohort", nullValue());
    }

    @Test
    void thePilotHaltsOnItsOverrideRateOnlyOnceItHasEnoughDecisions() {
        String candidate = upload(ANALYST);
        Map<String, Object> body = pilot(50, "ACTIVE_VERSION");
        body.put("haltIf", Map.of("overrideRateAbove", 0.5, "minDecisions", 3));
        as(ANALYST2).body(body).put("/api/policies/" + candidate + "/rollout").then().statusCode(201)
                .body("haltIf.overrideRateAbove", equalTo("0.5000"))
                .body("haltIf.minDecisions", equalTo(3));
        String customer = customer(candidate, 50, true);
        String first = refundable(customer).body("decision.cohort", equalTo("PILOT")).extract().path("id");
        String second = refundable(customer(candidate, 50, true)).extract().path("id");
        // Agents' resolutions of the pilot's claims: two overrides out of two. A control claim's override does not count.
        resolution(first, true);
        resolution(second, true);
        resolution(refundable(customer(candidate, 50, false)).extract().path("id"), false);

        rollouts.runSchedule();
        as(ANALYST).get("/api/rollout").then().body("state", equalTo("RUNNING")).body("percent", equalTo("50.00"));

        refundable(customer(candidate, 50, true));
        rollouts.runSchedule();
        as(ANALYST).get("/api/rollout").then()
                .body("state", equalTo("HALTED"))
                .body("percent", equalTo("0.00"))
                .body("haltReason", equalTo("Override rate 1.0000 (2 of 2 agents' resolutions) is above 0.5,"
                        + " after 3 final decisions in the pilot cohort"))
                .body("history.kind", equalTo(List.of("STARTED", "HALTED")))
                .body("history[1].actor", equalTo(PolicyRollouts.HALT_ACTOR));
        // Halted: everyone is on the control, the same customer included.
        refundable(customer).body("decision.cohort", equalTo("CONTROL")).body("decision.policyVersion", equalTo(original));
        management().get("/q/metrics").then()
                .body(containsString("claimpilot_pilot_halted 1.0"))
                .body(containsString("claimpilot_pilot_percent 0.0"));
        assertThat(logLine("Pilot of policy " + candidate.substring(0, 12) + " HALTED"))
                .contains("WARN").contains("Override rate 1.0000 (2 of 2 agents' resolutions) is above 0.5");
    }

    /** The line of the test log file that contains {@code marker}, once the file handler has written it. */
    private static String logLine(String marker) {
        java.nio.file.Path file = java.nio.file.Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.log.file.path", String.class));
        for (int i = 0; i < 50; i++) {
            try {
                if (java.nio.file.Files.exists(file)) {
                    var line = java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(l -> l.contains(marker)).findFirst();
                    if (line.isPresent()) {
                        return line.get();
                    }
                }
                Thread.sleep(100);
            } catch (java.io.IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(marker + " never reached " + file);
    }

    @Test
    void thePilotHaltsOnItsFlaggedWrongRate() {
        String candidate = upload(ANALYST);
        Map<String, Object> body = pilot(50, "ACTIVE_VERSION");
        body.put("haltIf", Map.of("overrideRateAbove", 0.9, "flaggedWrongRateAbove", 0.3, "minDecisions", 2));
        as(ANALYST2).body(body).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        String first = refundable(customer(candidate, 50, true)).extract().path("id");
        String second = refundable(customer(candidate, 50, true)).extract().path("id");
        String third = refundable(customer(candidate, 50, true)).extract().path("id");
        verdict(first, "WRONG");
        verdict(second, "RIGHT");

        // One wrong out of three automatic final decisions: 0.3333 > 0.3.
        rollouts.runSchedule();
        as(ANALYST).get("/api/rollout").then()
                .body("state", equalTo("HALTED"))
                .body("haltReason", equalTo("Flagged-wrong rate 0.3333 (1 of 3 automatic final decisions) is above 0.3,"
                        + " after 3 final decisions in the pilot cohort"));
        assertThat(third).isNotNull();
    }

    @Test
    void aPilotUnderItsThresholdsKeepsRunning() {
        String candidate = upload(ANALYST);
        Map<String, Object> body = pilot(50, "ACTIVE_VERSION");
        body.put("haltIf", Map.of("flaggedWrongRateAbove", 0.5, "minDecisions", 2));
        as(ANALYST2).body(body).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        verdict(refundable(customer(candidate, 50, true)).extract().path("id"), "WRONG");
        refundable(customer(candidate, 50, true));

        // Exactly at the threshold (1 of 2) is not above it.
        rollouts.runSchedule();
        as(ANALYST).get("/api/rollout").then().body("state", equalTo("RUNNING")).body("haltReason", nullValue());
    }

    @Test
    void theRolloutIsReadFromTheDatabaseSoEveryReplicaRoutesAlike() {
        String candidate = upload(ANALYST);
        as(ANALYST2).body(pilot(0, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        String customer = customer(candidate, 100, true);
        refundable(customer).body("decision.cohort", equalTo("CONTROL"));

        // Another replica's change, straight in the database: the next claim here already follows it.
        db.execute("update policy_rollout set percent = 99.99 where version_hash = ?1 and state = 'RUNNING'", candidate);
        String pilotCustomer = customer(candidate, 99.99, true);
        refundable(pilotCustomer).body("decision.cohort", equalTo("PILOT"));
    }

    @Test
    void theVersionsAuthorCannotStartItsPilotAloneAndASecondAnalystCan() {
        String candidate = upload(ANALYST);
        as(ANALYST).body(pilot(10, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("title", equalTo("A second analyst must start this pilot"));
        as(ANALYST).get("/api/rollout").then().body("version", org.hamcrest.Matchers.not(equalTo(candidate)));

        as(ANALYST2).body(pilot(10, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        // Changing it is starting it again at another percent: the same rule applies.
        as(ANALYST).body(pilot(20, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(403);
    }

    @Test
    void onlyOnePilotRunsAndTheActiveVersionCannotBePiloted() {
        String candidate = upload(ANALYST);
        String other = upload(ANALYST);
        as(ANALYST2).body(pilot(10, "ACTIVE_VERSION")).put("/api/policies/" + original + "/rollout").then()
                .statusCode(409).contentType("application/problem+json").body("title", equalTo("Version is active"));
        as(ANALYST2).body(pilot(10, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        as(ANALYST2).body(pilot(10, "ACTIVE_VERSION")).put("/api/policies/" + other + "/rollout").then()
                .statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("A pilot is running"))
                .body("detail", containsString(candidate.substring(0, 12)));
        as(ANALYST2).body(pilot(10, "ACTIVE_VERSION")).put("/api/policies/" + "0".repeat(64) + "/rollout").then().statusCode(404);
        as(ANALYST).delete("/api/policies/" + other + "/rollout").then().statusCode(404);
    }

    @Test
    void badValuesAreRefusedNamingTheFieldAndNothingIsStored() {
        String candidate = upload(ANALYST);
        String put = "/api/policies/" + candidate + "/rollout";
        String future = clock.instant().plus(Duration.ofDays(1)).toString();
        String later = clock.instant().plus(Duration.ofDays(2)).toString();
        long before = db.count("select count(*) from policy_rollout");

        assertInvalid(put, pilot(10.001, "ACTIVE_VERSION"), "percent");
        assertInvalid(put, pilot(-1, "ACTIVE_VERSION"), "percent");
        assertInvalid(put, pilot(100.5, "ACTIVE_VERSION"), "percent");
        assertInvalid(put, Map.of("control", "ACTIVE_VERSION"), "percent");
        assertInvalid(put, pilot("ten", "ACTIVE_VERSION"), "percent");
        assertInvalid(put, pilot(10, "SOMETIMES"), "control");
        Map<String, Object> decreasing = pilot(10, "ACTIVE_VERSION");
        decreasing.put("schedule", List.of(Map.of("percent", 50, "at", future), Map.of("percent", 40, "at", later)));
        assertInvalid(put, decreasing, "schedule[1].percent");
        Map<String, Object> notAbove = pilot(10, "ACTIVE_VERSION");
        notAbove.put("schedule", List.of(Map.of("percent", 10, "at", future)));
        assertInvalid(put, notAbove, "schedule[0].percent");
        Map<String, Object> past = pilot(10, "ACTIVE_VERSION");
        past.put("schedule", List.of(Map.of("percent", 50, "at", clock.instant().minusSeconds(60).toString())));
        assertInvalid(put, past, "schedule[0].at");
        Map<String, Object> backwards = pilot(10, "ACTIVE_VERSION");
        backwards.put("schedule", List.of(Map.of("percent", 50, "at", later), Map.of("percent", 60, "at", future)));
        assertInvalid(put, backwards, "schedule[1].at");
        Map<String, Object> noTime = pilot(10, "ACTIVE_VERSION");
        noTime.put("schedule", List.of(Map.of("percent", 50)));
        assertInvalid(put, noTime, "schedule[0].at");
        Map<String, Object> rate = pilot(10, "ACTIVE_VERSION");
        rate.put("haltIf", Map.of("overrideRateAbove", 1.5, "minDecisions", 10));
        assertInvalid(put, rate, "haltIf.overrideRateAbove");
        Map<String, Object> noMinimum = pilot(10, "ACTIVE_VERSION");
        noMinimum.put("haltIf", Map.of("flaggedWrongRateAbove", 0.1, "minDecisions", 0));
        assertInvalid(put, noMinimum, "haltIf.minDecisions");
        Map<String, Object> noThreshold = pilot(10, "ACTIVE_VERSION");
        noThreshold.put("haltIf", Map.of("minDecisions", 10));
        assertInvalid(put, noThreshold, "haltIf");

        assertThat(db.count("select count(*) from policy_rollout")).isEqualTo(before);
    }

    private static void assertInvalid(String path, Map<String, Object> body, String field) {
        as(ANALYST2).body(body).put(path).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    @Test
    void onlyAnalystsStartAndEndAPilotAndAdminsAndAccountantsWatchIt() {
        String candidate = upload(ANALYST);
        as(ADMIN).body(pilot(10, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(403);
        as(AGENT).get("/api/rollout").then().statusCode(403);
        as(SHOP).get("/api/rollout").then().statusCode(403);
        given().get("/api/rollout").then().statusCode(401);
        as(ANALYST2).body(pilot(10, "ACTIVE_VERSION")).put("/api/policies/" + candidate + "/rollout").then().statusCode(201);
        as(ADMIN).delete("/api/policies/" + candidate + "/rollout").then().statusCode(403);
        as(ADMIN).get("/api/rollout").then().statusCode(200).body("version", equalTo(candidate));
        as(ACCOUNTANT).get("/api/rollout").then().statusCode(200).body("state", equalTo("RUNNING"));
    }

    private void resolution(String claimId, boolean override) {
        db.execute("insert into review_resolution (claim_id, policy_action, agent_action, currency, override, note, resolved_by,"
                + " resolved_at) values (?1, 'REFUND', 'DENY', 'EUR', ?2, 'pilot test', 'agent', now())", claimId, override);
    }

    private void verdict(String claimId, String verdict) {
        db.execute("insert into decision_feedback (decision_id, claim_id, rule, verdict, given_by, given_at)"
                + " select id, claim_id, rules_fired->>0, ?2, 'agent', now() from decision where claim_id = ?1"
                + " order by id desc limit 1", claimId, verdict);
    }
}

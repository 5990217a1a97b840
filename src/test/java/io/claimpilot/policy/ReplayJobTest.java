package io.claimpilot.policy;

import io.agroal.api.AgroalDataSource;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.claimpilot.support.DemoUsersForTests;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Replays over the job threshold (10,000 claims by default) run as jobs that any replica can report. */
@QuarkusTest
class ReplayJobTest {

    private static final int CLAIMS = 11_000;

    @Inject
    Db db;
    @Inject
    MutableClock clock;
    @Inject
    PolicyReplay replay;
    @Inject
    AgroalDataSource dataSource;

    private String active;

    @BeforeEach
    void activeVersion() {
        active = as(ANALYST).get("/api/policy").path("version");
    }

    @Test
    void aReplayOfElevenThousandClaimsRunsAsAJobToDoneWithTheReportOfADirectReplay() throws InterruptedException {
        Instant from = storeDecidedClaims(CLAIMS);
        Map<String, Object> window = Map.of("from", from.toString(), "to", from.plus(Duration.ofDays(1)).toString());

        var accepted = as(ANALYST).body(window).post("/api/policies/" + active + "/replay").then()
                .statusCode(202).body("jobId", startsWith("rpl_")).extract();
        String jobId = accepted.path("jobId");
        assertThat(accepted.header("Location")).endsWith("/api/replays/" + jobId);

        long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while ("RUNNING".equals(as(ANALYST).get("/api/replays/" + jobId).path("status")) && System.nanoTime() < giveUp) {
            Thread.sleep(250);
        }
        PolicyReplay.Report direct = replay.replay(active, new PolicyReplay.Selection(from, from.plus(Duration.ofDays(1)), null));
        as(ANALYST).get("/api/replays/" + jobId).then().statusCode(200)
                .body("status", equalTo("DONE"))
                .body("version", equalTo(active))
                .body("progress.done", equalTo(CLAIMS))
                .body("progress.total", equalTo(CLAIMS))
                .body("report.version", equalTo(active))
                .body("report.claims", equalTo(CLAIMS))
                .body("report.changed", equalTo(direct.changed()))
                .body("report.transitions.size()", equalTo(direct.transitions().size()))
                .body("report.automationRate.after", equalTo(direct.automationRate().after().toPlainString()));
        as(AGENT).get("/api/replays/" + jobId).then().statusCode(403);

        Cookies analyst = ConsoleSession.signIn(DemoUsersForTests.ANALYST);
        String page = given().cookies(analyst).get("/console/policies/" + active + "/replay/jobs/" + jobId).then()
                .statusCode(200).extract().asString();
        assertThat(page).contains("id=\"replay-summary\"").contains("The replay job finished: " + CLAIMS + " claims replayed.")
                .doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void aReplayAtOrUnderTheThresholdStillAnswersAtOnce() {
        Instant from = storeDecidedClaims(3);
        as(ANALYST).body(Map.of("from", from.toString(), "to", from.plus(Duration.ofDays(1)).toString()))
                .post("/api/policies/" + active + "/replay").then().statusCode(200)
                .body("claims", equalTo(3));
    }

    @Test
    void aRunningJobShowsItsProgressOnARefreshingConsolePage() {
        String jobId = insertJob("RUNNING", 4_000, clock.instant());

        as(ANALYST).get("/api/replays/" + jobId).then().statusCode(200)
                .body("status", equalTo("RUNNING")).body("progress.done", equalTo(4_000)).body("progress.total", equalTo(CLAIMS));
        Cookies analyst = ConsoleSession.signIn(DemoUsersForTests.ANALYST);
        String page = given().cookies(analyst).get("/console/policies/" + active + "/replay/jobs/" + jobId).then()
                .statusCode(200).extract().asString();
        assertThat(page).contains("<meta http-equiv=\"refresh\" content=\"3\">")
                .contains("4000 of 11000 claims done").contains("<progress id=\"job-progress\" value=\"4000\" max=\"11000\">")
                .doesNotContain("id=\"replay-summary\"");
    }

    @Test
    void aJobWhoseReplicaStoppedIsReportedFailedAfterTheTimeout() {
        String jobId = insertJob("RUNNING", 2_000, clock.instant().minus(Duration.ofMinutes(11)));

        as(ANALYST).get("/api/replays/" + jobId).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("error", containsString("no progress for 10 minutes"));
        assertThat(db.count("select count(*) from replay_job where id = ?1 and status = 'FAILED'", jobId)).isEqualTo(1);
    }

    @Test
    void anUnknownJobIsNotFound() {
        as(ANALYST).get("/api/replays/rpl_unknown").then().statusCode(404).contentType("application/problem+json");
    }

    /** Plain JDBC with autocommit: 11,000 rows may take longer than a JTA transaction's timeout on a busy machine. */
    private void sql(String statement, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            prepared.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String insertJob(String status, int done, Instant updatedAt) {
        String id = "rpl_test" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        db.execute("insert into replay_job (id, policy_version, selection, status, claims_done, claims_total, requested_by,"
                        + " created_at, updated_at) values (?1, ?2, cast(?3 as jsonb), ?4, ?5, ?6, 'demo-analyst',"
                        + " cast(?7 as timestamptz), cast(?7 as timestamptz))",
                id, active, "{\"last\": 11000}", status, done, CLAIMS, updatedAt.toString());
        return id;
    }

    /**
     * Copies of one claim the active policy decided through the API, made in SQL so 11,000 take seconds: each copy
     * is a claim row and its latest decision (with the fact snapshot), decided one second apart in a day of their own,
     * which is returned.
     */
    private Instant storeDecidedClaims(int count) {
        clock.advance(Duration.ofSeconds(1));
        String template = as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "80.00").map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");
        String prefix = "rj" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Instant from = Instant.parse("2090-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(20_000)));
        // A lateral call builds each row once; "(f(...)).*" would call f once per column.
        sql("insert into claim select r.* from claim c, generate_series(1, ?) g,"
                        + " lateral jsonb_populate_record(cast(null as claim), to_jsonb(c)"
                        + " || jsonb_build_object('id', cast(? as text) || g, 'external_id', cast(? as text) || g)) r"
                        + " where c.id = ?",
                count, prefix, prefix, template);
        sql("insert into decision select r.* from decision d, generate_series(1, ?) g,"
                        + " lateral jsonb_populate_record(cast(null as decision), to_jsonb(d)"
                        + " || jsonb_build_object('id', nextval('decision_id_seq'), 'claim_id', cast(? as text) || g,"
                        + " 'decided_at', cast(? as timestamptz) + g * interval '1 second')) r"
                        + " where d.id = (select max(id) from decision where claim_id = ? and policy_version is not null)",
                count, prefix, from.toString(), template);
        return from;
    }
}

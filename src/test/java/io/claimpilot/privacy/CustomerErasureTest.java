package io.claimpilot.privacy;

import io.claimpilot.support.Api.ClaimBody;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The right to erasure: personal data (e-mail, name, address, evidence URLs) goes, amounts, reasons, decisions and
 * audit rows stay under a pseudonymous customer id, on request and after the retention period.
 */
@QuarkusTest
class CustomerErasureTest {

    @Inject
    Db db;
    @Inject
    MutableClock clock;
    @Inject
    RetentionJob retentionJob;

    /** Everything personal one test customer sends, distinctive enough to search the whole tables for. */
    record Person(String customerId, String email, String name, String line1, String postalCode, String city, String photoUrl,
                  String secondPhotoUrl) {

        static Person unique() {
            String t = token();
            return new Person(uniqueId("cust"), "zoe." + t + "@example.org", "Zoé Quernström " + t,
                    "7 Impasse des Érables " + t, "ZQ" + ThreadLocalRandom.current().nextInt(100000, 999999),
                    "Quimperlé " + t, "https://photos.shop.example/" + t + "/broken.jpg",
                    "https://photos.shop.example/" + t + "/box.jpg");
        }

        List<String> personalValues() {
            return List.of(email, name, line1, postalCode, city, photoUrl, secondPhotoUrl);
        }

        ClaimBody claim(String reason, String amount) {
            return io.claimpilot.support.Api.claim(reason, amount).customerId(customerId).email(email).customerName(name)
                    .shippingAddress(line1, postalCode, city, "FR");
        }
    }

    @Test
    void erasureRemovesEveryPersonalValueAndKeepsTotalsAndAudit() {
        Person person = Person.unique();
        String refunded = as(SHOP).body(withPhoto(person.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "40.00"), person.photoUrl).map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("REFUND_APPROVED"))
                .body("customer.email", equalTo(person.email))
                .extract().path("id");
        String damaged = as(SHOP).body(person.claim("DAMAGED", "80.00").totalPaid("90.00").item(uniqueId("SKU"), 1, "80.00").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("AWAITING_EVIDENCE"))
                .extract().path("id");
        as(SHOP).body(Map.of("type", "PHOTO", "url", person.secondPhotoUrl))
                .post("/api/claims/" + damaged + "/evidence").then().statusCode(200)
                .body("status", equalTo("IN_REVIEW"));
        List<String> ids = List.of(refunded, damaged);

        for (String value : person.personalValues()) {
            assertThat(rowsContaining("claim", value) + rowsContaining("evidence", value))
                    .as("the test data is stored before erasure: %s", value).isPositive();
        }
        BigDecimal amount = sum("amount", "customer_id", person.customerId);
        BigDecimal refundAmount = sum("refund_amount", "customer_id", person.customerId);
        assertThat(refundAmount).isEqualByComparingTo("40.00");
        long audit = auditRows(ids);
        long decisions = db.count("select count(*) from decision where claim_id in (?1, ?2)", refunded, damaged);
        long evidence = db.count("select count(*) from evidence where claim_id in (?1, ?2)", refunded, damaged);
        assertThat(audit).isPositive();

        String pseudonym = as(ADMIN).post("/api/customers/" + person.customerId + "/erase").then().statusCode(200)
                .body("claims", equalTo(2))
                .body("pseudonym", startsWith("anon_"))
                .extract().path("pseudonym");
        assertThat(pseudonym).isNotEqualTo(person.customerId);

        for (String value : person.personalValues()) {
            for (String table : List.of("claim", "evidence", "decision", "claim_audit", "review_task", "outbox")) {
                assertThat(rowsContaining(table, value)).as("rows of %s containing %s", table, value).isZero();
            }
        }
        assertThat(rowsContaining("claim", person.customerId)).isZero();
        assertThat(rowsContaining("decision", person.customerId)).isZero();
        assertThat(db.count("select count(*) from claim where id in (?1, ?2) and customer_id = ?3 and erased_at is not null",
                refunded, damaged, pseudonym)).isEqualTo(2);
        assertThat(sum("amount", "customer_id", pseudonym)).isEqualByComparingTo(amount);
        assertThat(sum("refund_amount", "customer_id", pseudonym)).isEqualByComparingTo(refundAmount);
        assertThat(db.count("select count(*) from claim where id in (?1, ?2) and reason in ('ORDER_CANCELLED_BEFORE_SHIPMENT', 'DAMAGED')",
                refunded, damaged)).isEqualTo(2);
        assertThat(auditRows(ids)).as("every audit row stays, and the erasure adds one per claim").isEqualTo(audit + 2);
        assertThat(db.count("select count(*) from claim_audit where claim_id in (?1, ?2) and actor = 'admin'"
                + " and reason = 'Personal data erased on request'", refunded, damaged)).isEqualTo(2);
        assertThat(db.count("select count(*) from decision where claim_id in (?1, ?2)", refunded, damaged)).isEqualTo(decisions);
        assertThat(db.count("select count(*) from evidence where claim_id in (?1, ?2)", refunded, damaged)).isEqualTo(evidence);
        assertThat(db.count("select count(*) from decision where claim_id = ?1 and facts->>'customerId' = ?2", refunded, pseudonym))
                .isEqualTo(1);

        for (String id : ids) {
            String body = as(AGENT).get("/api/claims/" + id).then().statusCode(200)
                    .body("customer.id", equalTo(pseudonym))
                    .body("customer.email", nullValue())
                    .body("customer.name", nullValue())
                    .body("shippingAddress", nullValue())
                    .extract().asString();
            for (String value : person.personalValues()) {
                assertThat(body).doesNotContainIgnoringCase(value);
            }
        }
        as(AGENT).get("/api/claims/" + refunded).then()
                .body("status", equalTo("REFUND_APPROVED"))
                .body("amount.amount", equalTo("40.00"))
                .body("decision.amount.amount", equalTo("40.00"))
                .body("audit.size()", equalTo((int) db.count("select count(*) from claim_audit where claim_id = ?1", refunded)));

        // Erasing again finds nothing left, but the customer existed.
        as(ADMIN).post("/api/customers/" + person.customerId + "/erase").then().statusCode(200)
                .body("claims", equalTo(0)).body("pseudonym", equalTo(pseudonym));
    }

    @Test
    void erasureLeavesOtherCustomersAlone() {
        Person erased = Person.unique();
        Person kept = Person.unique();
        as(SHOP).body(erased.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").map()).post("/api/claims").then().statusCode(201);
        String keptClaim = as(SHOP).body(kept.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");

        as(ADMIN).post("/api/customers/" + erased.customerId + "/erase").then().statusCode(200).body("claims", equalTo(1));

        as(AGENT).get("/api/claims/" + keptClaim).then().statusCode(200)
                .body("customer.id", equalTo(kept.customerId))
                .body("customer.email", equalTo(kept.email))
                .body("customer.name", equalTo(kept.name));
        assertThat(db.count("select count(*) from claim where id = ?1 and erased_at is null", keptClaim)).isEqualTo(1);
    }

    @Test
    void erasingAnUnknownCustomerIs404() {
        as(ADMIN).post("/api/customers/" + uniqueId("nobody") + "/erase").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAdminsErase() {
        Person person = Person.unique();
        String id = as(SHOP).body(person.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");
        for (String key : List.of(SHOP, AGENT, ANALYST, ACCOUNTANT)) {
            as(key).post("/api/customers/" + person.customerId + "/erase").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        given().post("/api/customers/" + person.customerId + "/erase").then().statusCode(401);
        assertThat(db.count("select count(*) from claim where id = ?1 and customer_email = ?2 and erased_at is null", id, person.email))
                .isEqualTo(1);
    }

    @Test
    void theRetentionJobErasesClaimsOlderThanTheRetentionPeriod() {
        Person person = Person.unique();
        String id = as(SHOP).body(withPhoto(person.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "12.00"), person.photoUrl).map())
                .post("/api/claims").then().statusCode(201).extract().path("id");

        clock.advance(Duration.ofDays(729));
        retentionJob.run();
        assertThat(db.count("select count(*) from claim where id = ?1 and erased_at is null and customer_email = ?2", id, person.email))
                .as("729 days old: within the 730-day retention").isEqualTo(1);

        clock.advance(Duration.ofDays(2));
        assertThat(retentionJob.run()).isGreaterThanOrEqualTo(1);
        assertThat(db.count("select count(*) from claim where id = ?1 and erased_at is not null and customer_email is null"
                + " and customer_name is null and shipping_address is null and address_key is null and customer_id <> ?2",
                id, person.customerId)).isEqualTo(1);
        assertThat(db.count("select count(*) from claim where id = ?1 and amount = 12.00 and refund_amount = 12.00", id)).isEqualTo(1);
        for (String value : person.personalValues()) {
            for (String table : List.of("claim", "evidence", "decision")) {
                assertThat(rowsContaining(table, value)).as("rows of %s containing %s", table, value).isZero();
            }
        }
        // A claim made now is not touched.
        Person recent = Person.unique();
        String fresh = as(SHOP).body(recent.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").map()).post("/api/claims")
                .then().statusCode(201).extract().path("id");
        retentionJob.run();
        assertThat(db.count("select count(*) from claim where id = ?1 and erased_at is null and customer_email = ?2", fresh, recent.email))
                .isEqualTo(1);
    }

    // --- Helpers ---------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static ClaimBody withPhoto(ClaimBody body, String url) {
        ((List<Map<String, Object>>) body.map().get("evidence")).add(Map.of("type", "PHOTO", "url", url));
        return body;
    }

    private long rowsContaining(String table, String value) {
        return db.count("select count(*) from " + table + " t where t::text ilike ?1", "%" + value + "%");
    }

    private long auditRows(List<String> claimIds) {
        return db.count("select count(*) from claim_audit where claim_id in (?1, ?2)", claimIds.get(0), claimIds.get(1));
    }

    private BigDecimal sum(String column, String by, String value) {
        return new BigDecimal(db.count("select coalesce(sum(" + column + ") * 100, 0)::bigint from claim where " + by + " = ?1", value))
                .movePointLeft(2);
    }

    private static String token() {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}

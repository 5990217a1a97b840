package io.claimpilot.blocklist;

import io.claimpilot.support.Api.ClaimBody;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.ACCOUNTANT;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Admins manage the blocklist; a match sends the claim to a person with the reason, never to a denial. */
@QuarkusTest
class BlocklistApiTest {

    private static final String BLOCKLIST_RULE = "Guard rail: customer on the blocklist";

    @Inject
    Db db;

    @Test
    void anEmailIsStoredNormalisedAndMatchesHoweverTheClaimWritesIt() {
        String local = "Mallory." + token();
        ExtractableResponse<Response> created = as(ADMIN)
                .body(entry("EMAIL", local + "@Example.COM ", "  chargebacks on three orders "))
                .post("/api/blocklist").then().statusCode(201)
                .body("kind", equalTo("EMAIL"))
                .body("value", equalTo(local.toLowerCase() + "@example.com"))
                .body("reason", equalTo("chargebacks on three orders"))
                .body("createdBy", notNullValue())
                .body("createdAt", notNullValue())
                .extract();
        long id = ((Number) created.path("id")).longValue();
        assertThat(created.header("Location")).endsWith("/api/blocklist/" + id);
        try {
            assertThat(db.count("select count(*) from blocklist_entry where id = ?1 and value = ?2", id,
                    local.toLowerCase() + "@example.com")).isEqualTo(1);

            for (String written : List.of(local.toLowerCase() + "@example.com", local + "@EXAMPLE.com")) {
                String claimId = submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(written))
                        .body("status", equalTo("IN_REVIEW"))
                        .body("status", not(equalTo("DENIED")))
                        .body("decision.action", equalTo("HUMAN_REVIEW"))
                        .body("decision.rulesFired[0]", equalTo(BLOCKLIST_RULE))
                        .body("decision.reasons[0]",
                                equalTo("The customer, e-mail or address is on the blocklist: chargebacks on three orders"))
                        .body("facts.blocklisted", equalTo(true))
                        .extract().path("id");
                assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action in ('REFUND', 'RESHIP')", claimId)).isZero();
                assertThat(db.count("select count(*) from review_task where claim_id = ?1 and resolved_at is null", claimId)).isEqualTo(1);
            }
            // A neighbour's e-mail is not caught.
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(local + "x@example.com"))
                    .body("status", equalTo("REFUND_APPROVED"))
                    .body("facts.blocklisted", equalTo(false));
        } finally {
            delete(id);
        }
    }

    @Test
    void aBlocklistedClaimThatWouldBeDeniedOrRefundedStillGoesToAPerson() {
        String customer = uniqueId("cust");
        long id = create("CUSTOMER_ID", customer, "friendly fraud");
        try {
            // Above the cap: the table alone would send it to review; still the blocklist reason comes first, never a denial.
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "400.00").customerId(customer))
                    .body("status", equalTo("IN_REVIEW"))
                    .body("decision.action", equalTo("HUMAN_REVIEW"))
                    .body("decision.reasons", hasItem("The customer, e-mail or address is on the blocklist: friendly fraud"));
        } finally {
            delete(id);
        }
    }

    @Test
    void anAddressMatchesWhateverThePunctuationCaseOrAccents() {
        String street = "Rue de l'Église " + token();
        long id = create("ADDRESS", "12 " + street + ", 75002 Paris, FR", "parcel mule address");
        try {
            assertThat(db.count("select count(*) from blocklist_entry where id = ?1 and value = ?2", id,
                    "12 " + ascii(street).replace("'", " ") + " 75002 paris fr")).isEqualTo(1);

            String lowerNoAccent = "12, " + ascii(street).replace("'", " ");
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress(lowerNoAccent, "75002", "PARIS", "FR"))
                    .body("status", equalTo("IN_REVIEW"))
                    .body("decision.rulesFired[0]", equalTo(BLOCKLIST_RULE))
                    .body("decision.reasons[0]", equalTo("The customer, e-mail or address is on the blocklist: parcel mule address"))
                    .body("facts.blocklisted", equalTo(true));
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress("12 " + street.toUpperCase(), "75002", "Paris", "FR"))
                    .body("status", equalTo("IN_REVIEW"))
                    .body("facts.blocklisted", equalTo(true));

            // Another house number in the same street is a different address.
            submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").shippingAddress("14, " + street, "75002", "Paris", "FR"))
                    .body("status", equalTo("REFUND_APPROVED"))
                    .body("facts.blocklisted", equalTo(false));
        } finally {
            delete(id);
        }
    }

    @Test
    void deletingACustomerIdMakesTheNextClaimAutomaticAgain() {
        String customer = uniqueId("cust");
        long id = create("CUSTOMER_ID", "  " + customer + " ", "stolen card");
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer))
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.reasons[0]", equalTo("The customer, e-mail or address is on the blocklist: stolen card"))
                .body("facts.blocklistReason", equalTo("stolen card"));

        as(ADMIN).delete("/api/blocklist/" + id).then().statusCode(204);
        submit(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").customerId(customer))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("facts.blocklisted", equalTo(false));

        as(ADMIN).delete("/api/blocklist/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void deletingAnUnknownEntryIs404() {
        as(ADMIN).delete("/api/blocklist/999999999").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void theSameValueTwiceIsAConflictEvenWrittenDifferently() {
        String local = "dup." + token();
        long id = create("EMAIL", local + "@example.com", "first");
        try {
            as(ADMIN).body(entry("EMAIL", " " + local.toUpperCase() + "@Example.com", "second"))
                    .post("/api/blocklist").then().statusCode(409).contentType("application/problem+json")
                    .body("status", equalTo(409));
            assertThat(db.count("select count(*) from blocklist_entry where kind = 'EMAIL' and value = ?1", local + "@example.com"))
                    .isEqualTo(1);
            // The same value under another kind is a different entry.
            long asCustomer = create("CUSTOMER_ID", local + "@example.com", "other kind");
            delete(asCustomer);
        } finally {
            delete(id);
        }
    }

    @Test
    void missingOrInvalidFieldsAre400NamingTheField() {
        String value = uniqueId("cust");
        long before = db.count("select count(*) from blocklist_entry");
        as(ADMIN).body(entry("CUSTOMER_ID", value, null)).post("/api/blocklist").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("reason"));
        as(ADMIN).body(entry("CUSTOMER_ID", value, "   ")).post("/api/blocklist").then().statusCode(400).body("field", equalTo("reason"));
        as(ADMIN).body(entry(null, value, "why")).post("/api/blocklist").then().statusCode(400).body("field", equalTo("kind"));
        as(ADMIN).body(entry("CUSTOMER_ID", null, "why")).post("/api/blocklist").then().statusCode(400).body("field", equalTo("value"));
        as(ADMIN).body(entry("CUSTOMER_ID", " ", "why")).post("/api/blocklist").then().statusCode(400).body("field", equalTo("value"));
        as(ADMIN).body(entry("PHONE", value, "why")).post("/api/blocklist").then().statusCode(400).body("field", equalTo("kind"));
        as(ADMIN).body(entry("ADDRESS", " ,;- ", "why")).post("/api/blocklist").then().statusCode(400).body("field", equalTo("value"));
        as(ADMIN).body(Map.of()).post("/api/blocklist").then().statusCode(400)
                .body("violations.field", equalTo(List.of("kind", "value", "reason")));
        assertThat(db.count("select count(*) from blocklist_entry where value = ?1", value)).isZero();
        assertThat(db.count("select count(*) from blocklist_entry")).isLessThanOrEqualTo(before);
    }

    @Test
    void theListIsPaginatedNewestFirst() {
        List<Long> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ids.add(create("CUSTOMER_ID", uniqueId("cust"), "page test " + i));
            }
            ExtractableResponse<Response> first = as(ADMIN).get("/api/blocklist?page=0&size=2").then().statusCode(200)
                    .body("page", equalTo(0))
                    .body("size", equalTo(2))
                    .body("items.size()", lessThanOrEqualTo(2))
                    .body("total", greaterThanOrEqualTo(3))
                    .extract();
            long total = ((Number) first.path("total")).longValue();
            assertThat(total).isEqualTo(db.count("select count(*) from blocklist_entry"));
            as(ADMIN).get("/api/blocklist?page=1&size=2").then().statusCode(200)
                    .body("page", equalTo(1))
                    .body("items.size()", equalTo((int) Math.min(2, total - 2)));

            List<Long> all = new ArrayList<>();
            for (int page = 0; page * 100L < total; page++) {
                List<Number> onPage = as(ADMIN).get("/api/blocklist?page=" + page + "&size=100").then().statusCode(200)
                        .extract().path("items.id");
                onPage.forEach(n -> all.add(n.longValue()));
            }
            assertThat(all).hasSize((int) total).doesNotHaveDuplicates().contains(ids.toArray(Long[]::new));
            assertThat(all.indexOf(ids.get(2))).isLessThan(all.indexOf(ids.get(1)));
            assertThat(all.indexOf(ids.get(1))).isLessThan(all.indexOf(ids.get(0)));

            as(ADMIN).get("/api/blocklist?size=0").then().statusCode(400).body("field", equalTo("size"));
            as(ADMIN).get("/api/blocklist?size=101").then().statusCode(400).body("field", equalTo("size"));
            as(ADMIN).get("/api/blocklist?page=-1").then().statusCode(400).body("field", equalTo("page"));
        } finally {
            ids.forEach(this::delete);
        }
    }

    @Test
    void onlyAdminsManageTheBlocklist() {
        String value = uniqueId("cust");
        long id = create("CUSTOMER_ID", value, "access test");
        try {
            for (String key : List.of(SHOP, AGENT, ANALYST, ACCOUNTANT)) {
                as(key).body(entry("CUSTOMER_ID", uniqueId("cust"), "nope")).post("/api/blocklist").then().statusCode(403)
                        .contentType("application/problem+json");
                as(key).get("/api/blocklist").then().statusCode(403);
                as(key).delete("/api/blocklist/" + id).then().statusCode(403);
            }
            given().contentType("application/json").body(entry("CUSTOMER_ID", uniqueId("cust"), "nope"))
                    .post("/api/blocklist").then().statusCode(401);
            given().get("/api/blocklist").then().statusCode(401);
            given().delete("/api/blocklist/" + id).then().statusCode(401);
            given().header("Authorization", "Bearer not-a-key").get("/api/blocklist").then().statusCode(401);
            assertThat(db.count("select count(*) from blocklist_entry where id = ?1", id)).isEqualTo(1);
        } finally {
            delete(id);
        }
    }

    // --- Helpers ---------------------------------------------------------------------------------------------------

    private static Map<String, Object> entry(String kind, String value, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (kind != null) {
            body.put("kind", kind);
        }
        if (value != null) {
            body.put("value", value);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private static long create(String kind, String value, String reason) {
        Number id = as(ADMIN).body(entry(kind, value, reason)).post("/api/blocklist").then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    private void delete(long id) {
        db.execute("delete from blocklist_entry where id = ?1", id);
    }

    private static ValidatableResponse submit(ClaimBody body) {
        return as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201);
    }

    private static String ascii(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase();
    }

    /** Letters only, so normalisation leaves it as it is apart from case. */
    private static String token() {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}

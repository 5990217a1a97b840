package io.claimpilot.flow;

import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Api;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Exchanges end to end: a claimed item swapped for another variant, by the policy or by an agent, through the sandbox. */
@QuarkusTest
class ExchangesTest {

    @Inject
    Db db;
    @Inject
    Dispatcher dispatcher;
    @Inject
    Event<ClaimEscalated> escalated;

    @Test
    void aWrongItemIsExchangedForTheSamePricedVariantInStockAndShippedThroughTheSandbox() {
        String claimed = uniqueId("TSHIRT-S");
        String replacement = uniqueId("TSHIRT-M");
        stock(replacement, 2, "24.90");

        String id = as(SHOP).body(exchange(claim("WRONG_ITEM", "24.90").fulfillment("DELIVERED"), claimed, replacement, "24.90"))
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("EXCHANGE_APPROVED"))
                .body("decision.action", equalTo("EXCHANGE"))
                .body("decision.messageKey", equalTo("exchange-on-its-way"))
                .body("decision.rulesFired[0]", equalTo("Wrong item, exchange at the same price, in stock: exchange"))
                .body("items[0].exchangeFor.sku", equalTo(replacement))
                .body("facts.exchangeRequested", equalTo(true))
                .body("facts.replacementSamePrice", equalTo(true))
                .body("facts.replacementInStock", equalTo(true))
                .extract().path("id");

        // The replacement's unit is taken at once, and the reshipment carries the replacement, not the wrong item.
        assertThat(available(replacement)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'RESHIP' and (payload->>'exchange')::boolean"
                + " and payload->'items'->0->>'sku' = ?2 and payload->'reserved'->>?2 = '1'", id, replacement)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'REFUND'", id)).isZero();
        assertThat(db.count("select count(*) from outbox where idempotency_key = ?1", id + ":NOTIFY_CUSTOMER:EXCHANGE_ON_ITS_WAY"))
                .isEqualTo(1);

        drain();

        as(SHOP).get("/api/claims/" + id).then().body("status", equalTo("COMPLETED"));
        assertThat(db.count("select count(*) from sandbox_call where connector = 'reshipments' and claim_id = ?1"
                + " and request->'items'->0->>'sku' = ?2", id, replacement)).isEqualTo(1);
        assertThat(db.strings("select subject from customer_message where claim_id = ?1 and situation = 'EXCHANGE_ON_ITS_WAY'", id))
                .containsExactly("Votre échange est en route");
        assertThat(db.count("select count(*) from credit_note where claim_id = ?1", id)).isZero();
    }

    @Test
    void anExchangeForADearerVariantGoesToAPersonWhoExchangesItFromTheReviewApi() {
        String replacement = uniqueId("TSHIRT-XL");
        stock(replacement, 1, "29.90");

        String id = as(SHOP).body(exchange(claim("WRONG_ITEM", "24.90").fulfillment("DELIVERED"), uniqueId("TSHIRT-S"),
                        replacement, "24.90"))
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo("Wrong item, exchange at another price: review"))
                .body("facts.replacementSamePrice", equalTo(false))
                .extract().path("id");
        assertThat(available(replacement)).isEqualTo(1);

        as(AGENT).body(Map.of("action", "EXCHANGE", "note", "Goodwill: the XL at the same price"))
                .post("/api/reviews/" + id + "/resolve").then().statusCode(200)
                .body("status", equalTo("EXCHANGE_APPROVED"))
                .body("decision.action", equalTo("EXCHANGE"));
        assertThat(available(replacement)).isZero();
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'RESHIP' and payload->'items'->0->>'sku' = ?2",
                id, replacement)).isEqualTo(1);
    }

    @Test
    void anAgentCannotExchangeWhatIsNotInStockNorAClaimThatAsksForNoVariant() {
        String replacement = uniqueId("TSHIRT-XL");
        stock(replacement, 0, "24.90");
        String id = as(SHOP).body(exchange(claim("WRONG_ITEM", "24.90").fulfillment("DELIVERED"), uniqueId("TSHIRT-S"),
                        replacement, "24.90"))
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.rulesFired[0]", equalTo("Wrong item, exchange out of stock: review"))
                .extract().path("id");

        as(AGENT).body(Map.of("action", "EXCHANGE", "note", "try")).post("/api/reviews/" + id + "/resolve").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", startsWith("Stock: only 0 of " + replacement + " left, not enough for this exchange"));
        as(SHOP).get("/api/claims/" + id).then().body("status", equalTo("IN_REVIEW"));

        String plain = as(SHOP).body(claim("WRONG_ITEM", "24.90").fulfillment("DELIVERED").item(uniqueId("MUG"), 1, "24.90").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
        as(AGENT).body(Map.of("action", "EXCHANGE", "note", "try")).post("/api/reviews/" + plain + "/resolve").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("action"));
    }

    @Test
    void anAgentExchangesFromTheConsoleClaimPage() {
        String replacement = uniqueId("TSHIRT-L");
        stock(replacement, 3, "19.90");
        String claimed = uniqueId("TSHIRT-S");
        String id = as(SHOP).body(exchange(claim("WRONG_ITEM", "24.90").fulfillment("DELIVERED"), claimed, replacement, "24.90"))
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");

        Cookies session = ConsoleSession.signIn("agent");
        as(AGENT).post("/api/reviews/" + id + "/take").then().statusCode(200);
        ExtractableResponse<Response> page = given().cookies(session).get("/console/claims/" + id).then().statusCode(200)
                .body(containsString("id=\"form-exchange\""))
                .body(containsString(claimed + " for " + replacement))
                .extract();

        given().cookies(session).cookies(page.detailedCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrfToken(page.asString()))
                .formParam("action", "EXCHANGE").formParam("note", "The L fits, same family")
                .post("/console/claims/" + id + "/resolve").then().statusCode(303);

        as(SHOP).get("/api/claims/" + id).then().body("status", equalTo("EXCHANGE_APPROVED"))
                .body("decision.action", equalTo("EXCHANGE"));
        assertThat(available(replacement)).isEqualTo(2);
    }

    @Test
    void aFailedExchangeDecidedAgainGivesItsUnitBack() {
        String replacement = uniqueId("TSHIRT-M");
        stock(replacement, 1, "24.90");
        String id = as(SHOP).body(exchange(claim("WRONG_ITEM", "24.90").fulfillment("DELIVERED"), uniqueId("TSHIRT-S"),
                        replacement, "24.90"))
                .post("/api/claims").then().statusCode(201).body("status", equalTo("EXCHANGE_APPROVED")).extract().path("id");
        assertThat(available(replacement)).isZero();
        // The warehouse refused the order and a person must look (as ClaimSettlement.needsReview leaves it).
        db.execute("update outbox set status = 'FAILED' where claim_id = ?1 and action = 'RESHIP'", id);
        db.execute("update claim set status = 'IN_REVIEW' where id = ?1", id);
        QuarkusTransaction.requiringNew().run(() -> escalated.fire(new ClaimEscalated(id, "RESHIP needs a person: refused")));

        as(AGENT).body(Map.of("action", "DENY", "note", "The customer keeps the item")).post("/api/reviews/" + id + "/resolve")
                .then().statusCode(200).body("status", equalTo("DENIED"));

        assertThat(available(replacement)).isEqualTo(1);
        assertThat(db.count("select count(*) from outbox where claim_id = ?1 and action = 'RESHIP' and status = 'SUPERSEDED'", id))
                .isEqualTo(1);
    }

    @Test
    void aBadExchangeForIsRefusedWithTheFieldNamedAndNothingStored() {
        String order = uniqueId("order");
        as(SHOP).body(exchange(claim("NOT_RECEIVED", "24.90").orderId(order), "TSHIRT-S", "TSHIRT-M", "24.90"))
                .post("/api/claims").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("items[0].exchangeFor"));
        as(SHOP).body(exchange(claim("WRONG_ITEM", "24.90").orderId(order), "TSHIRT-S", " ", "24.90"))
                .post("/api/claims").then().statusCode(400)
                .body("violations[0].field", equalTo("items[0].exchangeFor.sku"));
        as(SHOP).body(exchange(claim("DAMAGED", "24.90").orderId(order), "TSHIRT-S", "TSHIRT-S", "24.90"))
                .post("/api/claims").then().statusCode(400)
                .body("violations[0].field", equalTo("items[0].exchangeFor.sku"));
        as(SHOP).body(exchange(claim("WRONG_ITEM", "24.90").orderId(order), "TSHIRT-S", "X".repeat(101), "24.90"))
                .post("/api/claims").then().statusCode(400)
                .body("violations[0].field", equalTo("items[0].exchangeFor.sku"));

        assertThat(db.count("select count(*) from claim where order_id = ?1", order)).isZero();
    }

    @Test
    void aStockPriceIsCheckedLikeAnyMoney() {
        as(ADMIN).body(Map.of("available", 1, "unitPrice", Map.of("amount", "9.999", "currency", "EUR")))
                .put("/api/stock/" + uniqueId("SKU")).then().statusCode(400).contentType("application/problem+json")
                .body(containsString("unitPrice.amount"));
        String sku = uniqueId("SKU");
        stock(sku, 4, "12.5");
        as(AGENT).get("/api/stock/" + sku).then().statusCode(200)
                .body("unitPrice.amount", equalTo("12.50")).body("unitPrice.currency", equalTo("EUR"));
    }

    static void stock(String sku, int available, String unitPrice) {
        as(ADMIN).body(Map.of("available", available, "unitPrice", Api.money(unitPrice))).put("/api/stock/" + sku)
                .then().statusCode(200);
    }

    /** A claim for one unit of {@code claimed}, asking for {@code replacement} instead. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> exchange(Api.ClaimBody claim, String claimed, String replacement, String unitPrice) {
        Map<String, Object> body = claim.item(claimed, 1, unitPrice).map();
        ((List<Map<String, Object>>) body.get("items")).get(0).put("exchangeFor", Map.of("sku", replacement));
        return body;
    }

    private static String csrfToken(String html) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
        return matcher.group(1);
    }

    private long available(String sku) {
        return db.count("select available from stock_level where sku = ?1", sku);
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}

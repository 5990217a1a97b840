package io.claimpilot.claim;

import io.claimpilot.support.Api;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every kind of bad claim gets a 400 problem naming the field, and leaves no row behind. */
@QuarkusTest
class BadInputTest {

    @Inject
    Db db;

    private long rowsBefore;

    @BeforeEach
    void countRows() {
        rowsBefore = db.rowsEverywhere();
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("missing externalId", "externalId", body -> body.remove("externalId")),
                bad("blank orderId", "orderId", body -> body.put("orderId", " ")),
                bad("missing customer", "customer", body -> body.remove("customer")),
                bad("missing customer id", "customer.id", body -> ((Map<String, Object>) body.get("customer")).remove("id")),
                bad("bad e-mail", "customer.email", body -> ((Map<String, Object>) body.get("customer")).put("email", "alice")),
                bad("missing amount", "amount", body -> body.remove("amount")),
                bad("negative amount", "amount.amount", body -> body.put("amount", money("-1.00"))),
                bad("non-numeric amount", "amount.amount", body -> body.put("amount", money("12,50"))),
                bad("too many decimals", "amount.amount", body -> body.put("amount", money("1.001"))),
                bad("unknown currency", "amount.currency", body -> body.put("amount", money("10.00", "EUX"))),
                bad("lower-case currency", "amount.currency", body -> body.put("amount", money("10.00", "eur"))),
                bad("missing currency", "amount.currency", body -> body.put("amount", Map.of("amount", "10.00"))),
                bad("mixed currency in order", "order.totalPaid.currency",
                        body -> ((Map<String, Object>) body.get("order")).put("totalPaid", money("10.00", "USD"))),
                bad("mixed currency in items", "items[0].unitPrice.currency",
                        body -> ((List<Object>) body.get("items")).add(Map.of("sku", "A", "quantity", 1, "unitPrice", money("1.00", "GBP")))),
                bad("zero quantity", "items[0].quantity",
                        body -> ((List<Object>) body.get("items")).add(Map.of("sku", "A", "quantity", 0, "unitPrice", money("1.00")))),
                bad("unknown reason", "reason", body -> body.put("reason", "CHANGED_MY_MIND")),
                bad("missing reason", "reason", body -> body.remove("reason")),
                bad("unknown fulfillment", "order.fulfillment",
                        body -> ((Map<String, Object>) body.get("order")).put("fulfillment", "LOST")),
                bad("missing order", "order", body -> body.remove("order")),
                bad("photo without url", "evidence[0].url", body -> ((List<Object>) body.get("evidence")).add(Map.of("type", "PHOTO"))),
                bad("photo with a non-web url", "evidence[0].url",
                        body -> ((List<Object>) body.get("evidence")).add(Map.of("type", "PHOTO", "url", "file:///etc/passwd"))),
                bad("more than 200 items", "items", body -> {
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < 201; i++) {
                        items.add(Map.of("sku", "SKU-" + i, "quantity", 1, "unitPrice", money("1.00")));
                    }
                    body.put("items", items);
                }),
                bad("wrong type for items", "items", body -> body.put("items", "MUG-01")));
    }

    private static Arguments bad(String name, String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(name, field, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsRefusedNamingTheField(String name, String field, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").map();
        breakIt.accept(body);

        as(SHOP).body(body).post("/api/claims").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field))
                .body("detail", containsString(field));

        assertThat(db.rowsEverywhere()).isEqualTo(rowsBefore);
    }

    @Test
    void malformedJsonIsRefused() {
        as(SHOP).body("{\"externalId\": \"x\", ").post("/api/claims").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("body"))
                .body("detail", containsString("not valid JSON"));
        assertThat(db.rowsEverywhere()).isEqualTo(rowsBefore);
    }

    @Test
    void emptyBodyIsRefused() {
        as(SHOP).post("/api/claims").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("body"));
        assertThat(db.rowsEverywhere()).isEqualTo(rowsBefore);
    }

    @Test
    void bodyOverOneMebibyteIsRefused() {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").map();
        body.put("padding", "x".repeat(1024 * 1024));

        as(SHOP).body(body).post("/api/claims").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("body"))
                .body("detail", containsString("1 MiB"));
        assertThat(db.rowsEverywhere()).isEqualTo(rowsBefore);
    }

    @Test
    void aChunkedBodyOverOneMebibyteIsRefusedToo() throws Exception {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").map();
        body.put("padding", "x".repeat(1024 * 1024));
        byte[] json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body);

        // An InputStream body goes out chunked, with no Content-Length for the filter to read.
        as(SHOP).body(new java.io.ByteArrayInputStream(json)).post("/api/claims").then()
                .statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("body"))
                .body("detail", containsString("1 MiB"));
        assertThat(db.rowsEverywhere()).isEqualTo(rowsBefore);
    }

    @Test
    void exactlyTwoHundredItemsAreAccepted() {
        Api.ClaimBody body = claim("OTHER", "10.00");
        for (int i = 0; i < 200; i++) {
            body.item("SKU-" + i, 1, "0.05");
        }
        as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201).body("items.size()", equalTo(200));
    }

    @Test
    void badEvidenceIsRefusedAndNothingIsStored() {
        String id = as(SHOP).body(claim("DAMAGED", "10.00").map()).post("/api/claims").then().statusCode(201).extract().path("id");
        long rows = db.rowsEverywhere();

        as(SHOP).body(Map.of("type", "PHOTO", "url", "not a url")).post("/api/claims/" + id + "/evidence").then()
                .statusCode(400).body("field", equalTo("url"));
        as(SHOP).body(Map.of("type", "SELFIE")).post("/api/claims/" + id + "/evidence").then()
                .statusCode(400).body("field", equalTo("type"));
        assertThat(db.rowsEverywhere()).isEqualTo(rows);
    }
}

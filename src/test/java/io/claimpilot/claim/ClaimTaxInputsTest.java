package io.claimpilot.claim;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
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
import static org.hamcrest.Matchers.nullValue;

/** A claim's tax inputs: items' rates, prices with or without VAT, shipping, the invoice; stored, shown and checked. */
@QuarkusTest
class ClaimTaxInputsTest {

    @Inject
    Db db;

    @Test
    void theTaxFieldsAreStoredAndShownWithTheClaim() {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "51.10")
                .item("MUG-01", 1, "24.00").item("BOOK-01", 2, "10.55").map();
        item(body, 0).put("taxRate", "20.0");
        item(body, 1).put("taxRate", "5.50");
        item(body, 1).put("taxIncluded", true);
        body.put("shipping", Map.of("amount", money("6.00")));
        order(body).put("invoiceNumber", "FA-2026-0042");
        order(body).put("invoiceDate", "2026-11-20");

        String id = as(SHOP).body(body).post("/api/claims").then().statusCode(201)
                .body("items[0].taxRate", equalTo("20.0"))
                .body("items[1].taxRate", equalTo("5.5"))
                .body("taxIncluded", equalTo(true))
                .body("shipping.amount.amount", equalTo("6.00"))
                .body("shipping.amount.currency", equalTo("EUR"))
                .body("shipping.taxRate", nullValue())
                .body("order.invoiceNumber", equalTo("FA-2026-0042"))
                .body("order.invoiceDate", equalTo("2026-11-20"))
                .extract().path("id");

        assertThat(db.strings("select tax_included || ' ' || shipping_amount || ' ' || coalesce(shipping_tax_rate::text, '-')"
                + " || ' ' || invoice_number || ' ' || invoice_date || ' ' || (items->1->>'taxRate') from claim where id = ?", id))
                .containsExactly("true 6.0000 - FA-2026-0042 2026-11-20 5.5");
        as(SHOP).get("/api/claims/" + id).then().statusCode(200)
                .body("items[1].taxRate", equalTo("5.5"))
                .body("shipping.amount.amount", equalTo("6.00"))
                .body("order.invoiceNumber", equalTo("FA-2026-0042"))
                .body("order.invoiceDate", equalTo("2026-11-20"));
    }

    @Test
    void theDefaultRateIsResolvedAtIntakeSoALaterChangeOfTheSettingChangesNoClaim() {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "42.00").item("MUG-01", 1, "42.00").map();

        String id = as(SHOP).body(body).post("/api/claims").then().statusCode(201)
                .body("items[0].taxRate", equalTo("20.0"))
                .body("defaultTaxRate", equalTo("20.0"))
                .extract().path("id");

        // Stored with the claim, not looked up when the credit note is issued.
        assertThat(db.strings("select (items->0->>'taxRate') || ' ' || default_tax_rate || ' ' || tax_included"
                + " from claim where id = ?", id)).containsExactly("20.0 20.0000 true");
    }

    @Test
    void taxExcludedPricesAndShippingWithItsOwnRateAreKept() {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "30.00").item("MUG-01", 2, "10.00").map();
        item(body, 0).put("taxRate", 20);
        item(body, 0).put("taxIncluded", false);
        body.put("shipping", Map.of("amount", money("5.00"), "taxRate", "20"));

        String id = as(SHOP).body(body).post("/api/claims").then().statusCode(201)
                .body("taxIncluded", equalTo(false))
                .body("shipping.taxRate", equalTo("20.0"))
                .body("order.invoiceNumber", nullValue())
                .extract().path("id");

        assertThat(db.strings("select tax_included || ' ' || shipping_tax_rate || ' ' || (invoice_number is null)"
                + " from claim where id = ?", id)).containsExactly("false 20.0000 true");
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> badTaxInputs() {
        return Stream.of(
                bad("a rate above 100", "items[1].taxRate", body -> item(body, 1).put("taxRate", "120")),
                bad("a negative rate", "items[1].taxRate", body -> item(body, 1).put("taxRate", "-5.5")),
                bad("a rate that is not a number", "items[1].taxRate", body -> item(body, 1).put("taxRate", "twenty")),
                bad("a rate with too many decimals", "items[0].taxRate", body -> item(body, 0).put("taxRate", "5.123456")),
                bad("a shipping rate above 100", "shipping.taxRate",
                        body -> body.put("shipping", Map.of("amount", money("5.00"), "taxRate", "100.01"))),
                bad("a shipping rate that is not a number", "shipping.taxRate",
                        body -> body.put("shipping", Map.of("amount", money("5.00"), "taxRate", "NaN"))),
                bad("tax-included and tax-excluded lines mixed", "items[2].taxIncluded", body -> {
                    item(body, 1).put("taxIncluded", true);
                    item(body, 2).put("taxIncluded", false);
                }),
                bad("shipping in another currency", "shipping.amount.currency",
                        body -> body.put("shipping", Map.of("amount", money("5.00", "USD")))),
                bad("a negative shipping amount", "shipping.amount.amount",
                        body -> body.put("shipping", Map.of("amount", money("-5.00")))),
                bad("shipping without an amount", "shipping.amount", body -> body.put("shipping", Map.of("taxRate", "20.0"))),
                bad("a blank invoice number", "order.invoiceNumber", body -> order(body).put("invoiceNumber", "  ")),
                bad("an invoice number too long", "order.invoiceNumber", body -> order(body).put("invoiceNumber", "F".repeat(101))),
                bad("an invoice number with control characters", "order.invoiceNumber",
                        body -> order(body).put("invoiceNumber", "FA-1\r\nX-Injected: yes")),
                bad("an invoice date that is not a date", "order.invoiceDate", body -> order(body).put("invoiceDate", "2026-02-30")),
                bad("an invoice date in another format", "order.invoiceDate", body -> order(body).put("invoiceDate", "20/11/2026")),
                bad("an invoice date as a number", "order.invoiceDate", body -> order(body).put("invoiceDate", 20261120)));
    }

    private static Arguments bad(String name, String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(name, field, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTaxInputs")
    void badTaxInputIsRefusedNamingTheFieldAndNothingIsStored(String name, String field, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "30.00")
                .item("MUG-01", 1, "10.00").item("MUG-02", 1, "10.00").item("MUG-03", 1, "10.00").map();
        breakIt.accept(body);
        long rowsBefore = db.rowsEverywhere();

        as(SHOP).body(body).post("/api/claims").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("detail", containsString(field));

        assertThat(db.rowsEverywhere()).isEqualTo(rowsBefore);
    }

    @Test
    void anImpossibleInvoiceDateIsNamedAsNotADate() {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").map();
        order(body).put("invoiceDate", "2026-02-30");

        as(SHOP).body(body).post("/api/claims").then().statusCode(400)
                .body("detail", equalTo("order.invoiceDate: '2026-02-30' is not a date written as YYYY-MM-DD"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> body, int index) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
        Map<String, Object> item = items.get(index);
        if (!(item instanceof LinkedHashMap)) {
            item = new LinkedHashMap<>(item);
            items.set(index, item);
        }
        return item;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> order(Map<String, Object> body) {
        return (Map<String, Object>) body.get("order");
    }
}

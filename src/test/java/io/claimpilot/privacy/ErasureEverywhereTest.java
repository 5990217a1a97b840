package io.claimpilot.privacy;

import io.agroal.api.AgroalDataSource;
import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.support.Db;
import io.claimpilot.webhook.WebhookProcessor;
import io.claimpilot.webhook.WebhookSignatures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * Erasure reaches every stored copy. One customer's data goes in through every path (a claim through the API with a
 * photo, a Shopify webhook, a blocklist entry, an agent's note, the messages sent and the helpdesk posts), then an
 * erasure by e-mail runs, and every text, JSON and byte column of every table (found through information_schema, so
 * a table added later is searched too) is searched for the e-mail, the name, the address, the phone and the id.
 */
@QuarkusTest
class ErasureEverywhereTest {

    private static final String SHOPIFY_SECRET = "test-only-shopify-webhook-secret";

    @Inject
    Db db;
    @Inject
    WebhookProcessor webhooks;
    @Inject
    Dispatcher dispatcher;
    @Inject
    AgroalDataSource dataSource;

    /** One customer's personal values, each distinctive enough to search every table for. */
    record Person(String customerId, String email, String firstName, String lastName, String line1, String postalCode,
                  String city, String phone, String photoUrl) {

        static Person unique() {
            String t = token();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return new Person(String.valueOf(random.nextLong(1_000_000_000L, 9_000_000_000_000L)), "yannick." + t + "@example.net",
                    "Yannick" + t.substring(0, 4), "Quéffelec" + t, "12 Venelle des Korrigans " + t, "QK" + random.nextInt(100000, 999999),
                    "Landerneau" + t, "+33 6 " + random.nextInt(10, 99) + " " + random.nextInt(10, 99) + " " + t.substring(0, 4),
                    "https://photos.shop.example/" + t + "/cracked.jpg");
        }

        String name() {
            return firstName + " " + lastName;
        }

        /** What must not be found anywhere after the erasure. */
        List<String> personalValues() {
            return List.of(customerId, email, name(), firstName, lastName, line1, postalCode, city, phone, photoUrl);
        }
    }

    @Test
    void erasureByEmailLeavesNoCopyInAnyTextJsonOrByteColumnOfAnyTable() throws SQLException {
        Person person = Person.unique();

        // The blocklist: the e-mail and the address, with a reason an admin wrote naming the customer.
        as(ADMIN).body(Map.of("kind", "EMAIL", "value", person.email.toUpperCase(Locale.ROOT),
                        "reason", "Chargebacks in 2025 by " + person.name()))
                .post("/api/blocklist").then().statusCode(201);
        as(ADMIN).body(Map.of("kind", "ADDRESS", "value", person.line1 + ", " + person.postalCode + " " + person.city + ", FR",
                        "reason", "Parcel forwarding address used by " + person.lastName))
                .post("/api/blocklist").then().statusCode(201);

        // A claim through the API, with a photo; the blocklist sends it to a person, who resolves it with a note.
        Map<String, Object> apiBody = claim("DAMAGED", "60.00").customerId(person.customerId).email(person.email)
                .customerName(person.name()).shippingAddress(person.line1, person.postalCode, person.city, "FR")
                .totalPaid("90.00").item(uniqueId("SKU"), 1, "60.00").map();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> evidence = (List<Map<String, Object>>) apiBody.get("evidence");
        evidence.add(Map.of("type", "PHOTO", "url", person.photoUrl));
        String apiClaim = as(SHOP).body(apiBody).post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW")).extract().path("id");
        as(AGENT).body(Map.of("action", "REFUND", "amount", money("60.00"),
                        "note", "Called " + person.name() + " (" + person.email + "), who sent the photo again"))
                .post("/api/reviews/" + apiClaim + "/resolve").then().statusCode(200);

        // A Shopify order cancelled for the same customer, with their phone: stored raw, then turned into a claim.
        String deliveryId = UUID.randomUUID().toString();
        long orderId = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000_000L);
        byte[] body = shopifyCancelledOrder(orderId, person).getBytes(StandardCharsets.UTF_8);
        given().header("X-Shopify-Hmac-SHA256", WebhookSignatures.shopifyHeader(body, SHOPIFY_SECRET))
                .header("X-Shopify-Topic", "orders/cancelled").header("X-Shopify-Webhook-Id", deliveryId)
                .header("X-Shopify-Shop-Domain", "claimpilot-test.myshopify.com").contentType("application/json").body(body)
                .post("/webhooks/shopify").then().statusCode(202);
        webhooks.processDue();
        assertThat(db.count("select count(*) from claim where order_id = ?1 and customer_id = ?2", String.valueOf(orderId),
                person.customerId)).as("the webhook made a claim for the same customer").isEqualTo(1);

        // The messages and helpdesk notes the actions send, recorded by the sandbox connectors.
        for (int i = 0; i < 20 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing is due
        }

        Map<String, Set<String>> before = columnsContaining(person.personalValues());
        assertThat(before.keySet()).as("the data went in through every path, so the search below is not vacuous")
                .contains("claim.customer_email", "claim.customer_name", "evidence.url", "webhook_delivery.body",
                        "blocklist_entry.value", "blocklist_entry.reason", "review_resolution.note", "decision.note",
                        "customer_message.body");
        assertThat(before.get("webhook_delivery.body")).contains(person.phone);
        List<String> claimIds = db.strings("select id from claim where customer_id = ?1 order by id", person.customerId);
        assertThat(claimIds).hasSize(2);
        long auditRows = db.count("select count(*) from claim_audit where claim_id in (?1, ?2)", claimIds.get(0), claimIds.get(1));

        as(ADMIN).body(Map.of("email", "  " + person.email.toUpperCase(Locale.ROOT) + " ")).post("/api/customers/erase")
                .then().statusCode(200)
                .body("claims", equalTo(2))
                .body("pseudonyms", hasSize(1))
                .body("pseudonyms[0]", startsWith("anon_"))
                .body("webhookDeliveries", greaterThanOrEqualTo(1))
                .body("blocklistEntries", greaterThanOrEqualTo(2));

        assertThat(columnsContaining(person.personalValues())).as("columns still holding a personal value").isEmpty();

        // The erasure is itself audited, once per claim, and the earlier audit rows are all still there.
        assertThat(db.count("select count(*) from claim_audit where claim_id in (?1, ?2)", claimIds.get(0), claimIds.get(1)))
                .isEqualTo(auditRows + 2);
        assertThat(db.count("select count(*) from claim_audit where claim_id in (?1, ?2) and actor = 'admin'"
                + " and reason like 'Personal data erased%' and from_status = to_status", claimIds.get(0), claimIds.get(1)))
                .isEqualTo(2);
        // The delivery is still known by its id, so a replay of it is not processed again.
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?1 and status = 'DONE'", deliveryId))
                .isEqualTo(1);

        // The blocklist entries hold pseudonyms now, and still block the same e-mail and address.
        assertThat(db.count("select count(*) from blocklist_entry where value like 'pseudonym:%' and reason like '%[erased]%'"))
                .isGreaterThanOrEqualTo(2);
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00").email(person.email).map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.reasons", hasItem(containsString("blocklist")));
        as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "5.00")
                        .shippingAddress(person.line1.toUpperCase(Locale.ROOT), person.postalCode, person.city, "FR").map())
                .post("/api/claims").then().statusCode(201)
                .body("status", equalTo("IN_REVIEW"))
                .body("decision.reasons", hasItem(containsString("blocklist")));
    }

    @Test
    void erasureByEmailRefusesBadInputAsProblemJsonAndAnswers404ForAnUnknownAddress() {
        for (Object body : List.of(Map.of(), Map.of("email", ""), Map.of("email", "not an address"), Map.of("email", 42),
                Map.of("email", "a@b.c" + "x".repeat(320)))) {
            as(ADMIN).body(body).post("/api/customers/erase").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body(containsString("email"));
        }
        as(ADMIN).contentType("application/json").body("{\"email\": ").post("/api/customers/erase").then().statusCode(400)
                .contentType("application/problem+json");
        as(ADMIN).body(Map.of("email", "nobody." + token() + "@example.net")).post("/api/customers/erase").then().statusCode(404)
                .contentType("application/problem+json");
        for (String key : List.of(SHOP, AGENT)) {
            as(key).body(Map.of("email", "someone@example.net")).post("/api/customers/erase").then().statusCode(403);
        }
    }

    // --- Helpers ---------------------------------------------------------------------------------------------------

    /**
     * Every column of every table the service can read whose type holds text (text, varchar, char, json, jsonb,
     * bytea, arrays), mapped to the personal values found in it: "table.column" -> values. Text is compared without
     * regard to case; bytes as UTF-8, as given and in lower case.
     */
    private Map<String, Set<String>> columnsContaining(List<String> values) throws SQLException {
        List<String> lowered = values.stream().map(value -> value.toLowerCase(Locale.ROOT)).toList();
        Map<String, Set<String>> found = new java.util.TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    select c.table_name, c.column_name, c.data_type from information_schema.columns c
                      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                       and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')
                       and has_table_privilege(format('%I.%I', c.table_schema, c.table_name), 'SELECT')
                     order by c.table_name, c.column_name""");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            assertThat(columns.stream().map(column -> column[0])).as("tables searched")
                    .contains("claim", "claim_audit", "webhook_delivery", "blocklist_entry", "customer_message", "sandbox_call");
            for (String[] column : columns) {
                String table = '"' + column[0] + '"';
                String name = '"' + column[1] + '"';
                String sql = column[2].equals("bytea")
                        ? "select distinct v.original from " + table + " t, unnest(?::text[], ?::text[]) as v(original, lowered)"
                        + " where position(convert_to(v.original, 'UTF8') in t." + name + ") > 0"
                        + " or position(convert_to(v.lowered, 'UTF8') in t." + name + ") > 0"
                        : "select distinct v.original from " + table + " t, unnest(?::text[], ?::text[]) as v(original, lowered)"
                        + " where strpos(lower(t." + name + "::text), v.lowered) > 0";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setArray(1, connection.createArrayOf("text", values.toArray()));
                    statement.setArray(2, connection.createArrayOf("text", lowered.toArray()));
                    try (ResultSet rows = statement.executeQuery()) {
                        Set<String> hits = new LinkedHashSet<>();
                        while (rows.next()) {
                            hits.add(rows.getString(1));
                        }
                        if (!hits.isEmpty()) {
                            found.put(column[0] + "." + column[1], hits);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** A Shopify orders/cancelled payload (REST Admin shape) naming the person, with their phone. */
    private static String shopifyCancelledOrder(long orderId, Person person) {
        return """
                {"id":%d,"admin_graphql_api_id":"gid://shopify/Order/%d","cancel_reason":"customer",
                 "cancelled_at":"2026-11-25T10:15:00+01:00","contact_email":"%s","created_at":"2026-11-24T09:00:00+01:00",
                 "currency":"EUR","customer_locale":"fr","email":"%s","financial_status":"paid","fulfillment_status":null,
                 "name":"#9999","phone":"%s","total_price":"49.90","subtotal_price":"49.90","total_tax":"0.00","test":false,
                 "customer":{"id":%s,"email":"%s","first_name":"%s","last_name":"%s","phone":"%s","state":"enabled"},
                 "line_items":[{"id":466157049,"variant_id":39072856,"product_id":632910392,"title":"Mug","quantity":1,
                   "sku":"MUG-01","price":"49.90","total_discount":"0.00","discount_allocations":[]}],
                 "shipping_address":{"first_name":"%s","last_name":"%s","name":"%s","address1":"%s","address2":null,
                   "phone":"%s","city":"%s","zip":"%s","country":"France","country_code":"FR"},
                 "billing_address":{"name":"%s","address1":"%s","phone":"%s","city":"%s","zip":"%s","country_code":"FR"},
                 "fulfillments":[],"refunds":[],"shipping_lines":[]}"""
                .formatted(orderId, orderId, person.email, person.email, person.phone, person.customerId, person.email,
                        person.firstName, person.lastName, person.phone, person.firstName, person.lastName, person.name(),
                        person.line1, person.phone, person.city, person.postalCode, person.name(), person.line1, person.phone,
                        person.city, person.postalCode);
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

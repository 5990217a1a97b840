package io.claimpilot.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;

/**
 * The WireMock Stripe of {@link ProviderFakesResource}, as the end-to-end tests of refunds use it: claims of the shop
 * that refunds through it, Stripe's answers in Stripe's shapes, and the refunds it was asked for.
 */
public final class StripeFake {

    private final WireMock stripe;

    public StripeFake(String baseUrl, Db db) {
        URI uri = URI.create(baseUrl);
        this.stripe = new WireMock(uri.getHost(), uri.getPort());
        db.execute("insert into api_caller (id, created_at) values (?1, now()) on conflict (id) do nothing",
                ProviderFakesResource.STRIPE_SHOP);
        db.execute("insert into api_key (id, owner, caller_id, role, key_hash, demo, active, created_at)"
                + " values ('k_stripe_test', ?1, ?1, 'shop', encode(sha256(convert_to(?2, 'UTF8')), 'hex'), false, true, now())"
                + " on conflict (id) do nothing", ProviderFakesResource.STRIPE_SHOP, ProviderFakesResource.STRIPE_SHOP_KEY);
        registerRoomyPayments(stripe);
    }

    /**
     * Before each refund the connector reads the payment (PaymentCheck): here every payment has room for any refund.
     * Registered once for the run, since the fake is shared by every test of the shared application.
     */
    public static void registerRoomyPayments(WireMock stripe) {
        try {
            stripe.register(get(urlPathMatching("/v1/(payment_intents|charges)/.*")).withId(ROOMY_PAYMENTS).atPriority(10)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                            {"id":"ch_any","object":"charge","amount":100000,"amount_captured":100000,"amount_refunded":0,
                             "captured":true,"currency":"eur","status":"succeeded",
                             "refunds":{"object":"list","data":[],"has_more":false,"url":"/v1/charges/ch_any/refunds"},
                             "latest_charge":{"id":"ch_any","object":"charge","amount":100000,"amount_captured":100000,
                              "amount_refunded":0,"captured":true,"currency":"eur","status":"succeeded",
                              "refunds":{"object":"list","data":[],"has_more":false,"url":"/v1/charges/ch_any/refunds"}}}""")));
        } catch (com.github.tomakehurst.wiremock.common.ClientError alreadyThere) {
            // an earlier test registered it
        }
        try {
            // After a refund is confirmed, its credit note's number goes into its metadata (REFUND_REFERENCES).
            stripe.register(post(urlPathMatching("/v1/refunds/re_.+")).withId(REFUND_UPDATES).atPriority(10)
                    .willReturn(json(200, refundJson("re_any", "succeeded", 100, "cl_any", null))));
        } catch (com.github.tomakehurst.wiremock.common.ClientError alreadyThere) {
            // an earlier test registered it
        }
    }

    private static final java.util.UUID REFUND_UPDATES = java.util.UUID.fromString("0b8f3c4d-2a1e-4f6b-8c7d-9e0a1b2c3d4e");

    private static final java.util.UUID ROOMY_PAYMENTS = java.util.UUID.fromString("6f1f5a0e-8d7b-4c2a-9e57-1d2c3b4a5f60");

    public WireMock wireMock() {
        return stripe;
    }

    /** A claim of the Stripe shop that the policy refunds automatically: 89.90 EUR against this payment. */
    public String refundClaim(String paymentReference) {
        var body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "89.90").item("MUG-01", 1, "89.90").map();
        @SuppressWarnings("unchecked")
        Map<String, Object> order = (Map<String, Object>) body.get("order");
        order.put("paymentReference", paymentReference);
        return as(ProviderFakesResource.STRIPE_SHOP_KEY).body(body).post("/api/claims").then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("REFUND_APPROVED")).extract().path("id");
    }

    /** The refunds ClaimPilot asked Stripe to create for this claim ({@code POST /v1/refunds}), oldest first. */
    public List<LoggedRequest> refundsAskedFor(String claimId) {
        return stripe.find(postRequestedFor(urlEqualTo("/v1/refunds")).withFormParam("metadata[claim_id]", equalTo(claimId)));
    }

    /** A Stripe refund object. */
    public static String refundJson(String id, String status, long amount, String claimId, String idempotencyKey) {
        String metadata = idempotencyKey == null ? "{\"claim_id\":\"%s\"}".formatted(claimId)
                : "{\"claim_id\":\"%s\",\"idempotency_key\":\"%s\"}".formatted(claimId, idempotencyKey);
        return """
                {"id":"%s","object":"refund","amount":%d,"balance_transaction":null,"charge":"ch_1","created":1692942318,
                 "currency":"eur","destination_details":null,"metadata":%s,"payment_intent":"pi_1","reason":"requested_by_customer",
                 "receipt_number":null,"source_transfer_reversal":null,"status":"%s","transfer_reversal":null}
                """.formatted(id, amount, metadata, status);
    }

    public static ResponseDefinitionBuilder refund(String id, String status, long amount) {
        return json(200, refundJson(id, status, amount, "cl_unknown", null));
    }

    /** A page of {@code GET /v1/refunds}. */
    public static ResponseDefinitionBuilder refundList(String... refunds) {
        return json(200, """
                {"object":"list","url":"/v1/refunds","has_more":false,"data":[%s]}
                """.formatted(String.join(",", refunds)));
    }

    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return json(status, """
                {"error":{"code":"%s","doc_url":"https://stripe.com/docs/error-codes/%s","message":"%s","type":"invalid_request_error"}}
                """.formatted(code, code.replace('_', '-'), message));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}

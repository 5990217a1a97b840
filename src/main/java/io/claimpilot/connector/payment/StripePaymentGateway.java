package io.claimpilot.connector.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.connector.ProviderHttp;
import io.claimpilot.outbox.ActionFailure;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stripe refunds: {@code POST /v1/refunds}, form-encoded, with the outbox key as {@code Idempotency-Key}, so a
 * retry after a timeout returns the first refund instead of making a second one.
 */
public class StripePaymentGateway implements PaymentGateway {

    static final String PROVIDER = "Stripe";
    /** Errors a retry cannot fix and a person should look at: the money may already be back, or the charge is short. */
    static final Set<String> NEEDS_A_PERSON = Set.of("charge_already_refunded", "amount_too_large",
            "charge_disputed", "resource_missing", "refund_disputed_payment");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StripeApi api;
    private final String apiKey;
    private final Clock clock;

    public StripePaymentGateway(StripeApi api, String apiKey, Clock clock) {
        this.api = api;
        this.apiKey = apiKey;
        this.clock = clock;
    }

    @Override
    public Refund refund(RefundRequest request) {
        Form form = form(request);
        Response response;
        String body;
        try {
            response = api.createRefund("Bearer " + apiKey, request.idempotencyKey(), form);
            body = response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (ProcessingException e) {
            throw ProviderHttp.unreachable(PROVIDER, e);
        }
        JsonNode json = parse(body);
        if (response.getStatus() / 100 == 2) {
            return refund(json);
        }
        throw failure(response, json);
    }

    static Form form(RefundRequest request) {
        String reference = request.paymentReference();
        Form form = new Form();
        if (reference != null && reference.startsWith("pi_")) {
            form.param("payment_intent", reference);
        } else if (reference != null && reference.startsWith("ch_")) {
            form.param("charge", reference);
        } else {
            throw ActionFailure.needsReview("The order's payment reference is not a Stripe payment intent (pi_...)"
                    + " or charge (ch_...): refund it by hand");
        }
        form.param("amount", Long.toString(StripeAmounts.minorUnits(request.amount())));
        form.param("reason", "requested_by_customer");
        form.param("metadata[claim_id]", request.claimId());
        return form;
    }

    private static Refund refund(JsonNode json) {
        String id = json.path("id").asText(null);
        String status = json.path("status").asText("");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", "stripe");
        details.put("status", status);
        details.put("amount", json.path("amount").asLong());
        details.put("currency", json.path("currency").asText(null));
        return switch (status) {
            case "succeeded" -> new Refund(id, false, details);
            case "pending", "requires_action" -> new Refund(id, true, details);
            case "failed", "canceled" -> throw ActionFailure.needsReview("Stripe refund " + id + " " + status
                    + (json.hasNonNull("failure_reason") ? ": " + json.path("failure_reason").asText() : ""));
            default -> throw ActionFailure.retryable("Stripe refund " + id + " has an unknown status '" + status + "'", null);
        };
    }

    private ActionFailure failure(Response response, JsonNode json) {
        JsonNode error = json.path("error");
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        String detail = (code.isEmpty() ? "" : code + ": ") + message;
        if (NEEDS_A_PERSON.contains(code)) {
            return ActionFailure.needsReview("Stripe: " + detail);
        }
        if (error.path("type").asText("").equals("idempotency_error") && response.getStatus() != 409) {
            // The key was used before with other parameters: retrying the same request cannot succeed.
            return ActionFailure.permanent("Stripe: " + detail, null);
        }
        return ProviderHttp.failure(PROVIDER, response, detail, clock);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }
}

package io.claimpilot.connector.payment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimpilot.common.Money;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.outbox.ActionFailure;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shopify's own refund, through the GraphQL Admin API: the order's successful sale (or capture) is found first, then
 * {@code refundCreate} refunds the amount against it with {@code @idempotent(key:)} set to the outbox key. Amounts are
 * decimal strings, in the order's currency.
 */
public class ShopifyPaymentGateway implements PaymentGateway {

    static final String PROVIDER = "Shopify";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Our keys are claim id, action and qualifier: nothing that needs escaping inside a GraphQL string. */
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9_:.-]{1,200}");
    /** Shopify's GraphQL throttling answers 200 with a THROTTLED error; the bucket refills within seconds. */
    private static final Duration THROTTLED_WAIT = Duration.ofSeconds(2);

    static final String ORDER_TRANSACTIONS = """
            query orderTransactions($id: ID!) {
              order(id: $id) {
                id
                transactions(first: 50) { id kind status gateway amountSet { presentmentMoney { amount currencyCode } } }
              }
            }""";

    /** The order's money as its transactions tell it, and its refunds with their notes (ours name the claim). */
    static final String ORDER_PAYMENTS = """
            query orderPayments($id: ID!) {
              order(id: $id) {
                id
                transactions(first: 100) { id kind status amountSet { presentmentMoney { amount currencyCode } } }
                refunds(first: 100) { id note totalRefundedSet { presentmentMoney { amount currencyCode } } }
              }
            }""";

    static final String REFUND_CREATE = """
            mutation refundCreate($input: RefundInput!) {
              refundCreate(input: $input) @idempotent(key: "%s") {
                refund { id totalRefundedSet { presentmentMoney { amount currencyCode } } }
                userErrors { field message }
              }
            }""";

    private final ShopifyAdminApi api;
    private final String apiVersion;
    private final String accessToken;
    private final Clock clock;

    public ShopifyPaymentGateway(ShopifyAdminApi api, String apiVersion, String accessToken, Clock clock) {
        this.api = api;
        this.apiVersion = apiVersion;
        this.accessToken = accessToken;
        this.clock = clock;
    }

    @Override
    public Refund refund(RefundRequest request) {
        if (!SAFE_KEY.matcher(request.idempotencyKey()).matches()) {
            throw ActionFailure.permanent("Idempotency key has characters Shopify's directive cannot carry", null);
        }
        String orderId = orderGid(request.orderId());
        JsonNode parent = parentTransaction(orderId);
        ObjectNode transaction = JSON.createObjectNode()
                .put("orderId", orderId)
                .put("parentId", parent.path("id").asText())
                .put("gateway", parent.path("gateway").asText())
                .put("kind", "REFUND")
                .put("amount", Money.scaled(request.amount().amount(), request.amount().currency()).toPlainString());
        ObjectNode input = JSON.createObjectNode()
                .put("orderId", orderId)
                .put("note", note(request))
                .put("notify", false);
        input.putArray("transactions").add(transaction);
        JsonNode data = call(REFUND_CREATE.formatted(request.idempotencyKey()), JSON.createObjectNode().set("input", input));
        JsonNode payload = data.path("refundCreate");
        JsonNode userErrors = payload.path("userErrors");
        if (userErrors.isArray() && !userErrors.isEmpty()) {
            throw ActionFailure.needsReview("Shopify refused the refund: " + userErrors.get(0).path("message").asText());
        }
        JsonNode refund = payload.path("refund");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("provider", "shopify");
        details.put("amount", refund.at("/totalRefundedSet/presentmentMoney/amount").asText(null));
        details.put("currency", refund.at("/totalRefundedSet/presentmentMoney/currencyCode").asText(null));
        return new Refund(refund.path("id").asText(null), false, details);
    }

    /**
     * The order's payment as Shopify reports it: successful sales and captures paid, successful refund transactions
     * refunded, in the presentment currency that refunds are made in.
     */
    @Override
    public Optional<Payment> payment(RefundRequest request) {
        String orderId = orderGid(request.orderId());
        JsonNode order = call(ORDER_PAYMENTS, JSON.createObjectNode().put("id", orderId)).path("order");
        if (order.isMissingNode() || order.isNull()) {
            throw ActionFailure.needsReview("Shopify has no order " + orderId + ": refund it by hand");
        }
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        String currency = null;
        for (JsonNode transaction : order.path("transactions")) {
            if (!transaction.path("status").asText().equals("SUCCESS")) {
                continue;
            }
            JsonNode money = transaction.at("/amountSet/presentmentMoney");
            BigDecimal amount = new BigDecimal(money.path("amount").asText("0"));
            switch (transaction.path("kind").asText()) {
                case "SALE", "CAPTURE" -> paid = paid.add(amount);
                case "REFUND" -> refunded = refunded.add(amount);
                default -> {
                    continue; // an authorisation holds money, it does not take it
                }
            }
            currency = currency == null ? money.path("currencyCode").asText(null) : currency;
        }
        if (currency == null) {
            throw ActionFailure.needsReview("Shopify order " + orderId + " has no successful payment to refund");
        }
        return Optional.of(new Payment(PROVIDER, "order " + request.orderId(), Money.canonical(paid, currency),
                Money.canonical(refunded, currency), alreadyMade(order, request)));
    }

    /** The refund's note names the claim (how an earlier attempt is found again) and the accounting reason code. */
    static String note(RefundRequest request) {
        return "ClaimPilot claim " + request.claimId()
                + (request.reasonCode() == null ? "" : " · reason code " + request.reasonCode());
    }

    /** A refund on the order that our connector made for this claim (its note names it), for this amount. */
    private static boolean alreadyMade(JsonNode order, RefundRequest request) {
        for (JsonNode refund : order.path("refunds")) {
            JsonNode total = refund.at("/totalRefundedSet/presentmentMoney");
            if (refund.path("note").asText("").contains(request.claimId())
                    && request.amount().currency().equals(total.path("currencyCode").asText())
                    && new BigDecimal(total.path("amount").asText("0")).compareTo(request.amount().amount()) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The successful payment to refund against: a SALE, or the CAPTURE of an authorisation. */
    private JsonNode parentTransaction(String orderId) {
        JsonNode order = call(ORDER_TRANSACTIONS, JSON.createObjectNode().put("id", orderId)).path("order");
        if (order.isMissingNode() || order.isNull()) {
            throw ActionFailure.needsReview("Shopify has no order " + orderId + ": refund it by hand");
        }
        for (JsonNode transaction : order.path("transactions")) {
            String kind = transaction.path("kind").asText();
            if ((kind.equals("SALE") || kind.equals("CAPTURE")) && transaction.path("status").asText().equals("SUCCESS")) {
                return transaction;
            }
        }
        throw ActionFailure.needsReview("Shopify order " + orderId + " has no successful payment to refund");
    }

    /** One GraphQL call; returns {@code data}, or throws what the HTTP status or the GraphQL errors mean. */
    private JsonNode call(String query, ObjectNode variables) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", variables);
        ProviderAnswer answer = ProviderAnswer.call(PROVIDER, () -> api.graphql(apiVersion, accessToken, body));
        JsonNode json = answer.json();
        if (!answer.ok()) {
            throw answer.failure(PROVIDER, json.path("errors").toString(), clock);
        }
        JsonNode errors = json.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            String code = errors.get(0).at("/extensions/code").asText("");
            String message = errors.get(0).path("message").asText();
            if (code.equals("THROTTLED")) {
                throw ActionFailure.rateLimited("Shopify throttled the request: " + message, THROTTLED_WAIT);
            }
            throw ActionFailure.permanent("Shopify GraphQL error " + code + ": " + message, null);
        }
        return json.path("data");
    }

    static String orderGid(String orderId) {
        return orderId.startsWith("gid://") ? orderId : "gid://shopify/Order/" + orderId;
    }
}

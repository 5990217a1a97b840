package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.claim.ClaimReason;
import io.claimpilot.flow.ClaimIntake;
import io.claimpilot.claim.ExternalRefunds;
import io.claimpilot.claim.OrderRecords;
import io.claimpilot.connector.shopify.ShopifyOrders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Shopify topics:
 * <ul>
 *   <li>{@code orders/cancelled} with no fulfillment: an {@code ORDER_CANCELLED_BEFORE_SHIPMENT} claim for what is left
 *       to refund. Its externalId comes from the order id, so a second delivery finds the first claim.</li>
 *   <li>{@code refunds/create}: the refund is recorded, so the order's refundable balance counts refunds made in the
 *       Shopify admin ({@link ExternalRefunds}), in its transactions' currency or, when they name none, its shop
 *       money's ({@link ShopifyClaims#refundCurrency}).</li>
 *   <li>{@code returns/request}: one claim per return reason (see {@link ShopifyClaims#reason}); the order's lines and
 *       prices are read from the Admin API, since the return payload names only line item ids. A return with no
 *       lines ends before that call.</li>
 * </ul>
 */
@ApplicationScoped
public class ShopifyWebhookHandler implements WebhookHandler {

    public static final String PROVIDER = "shopify";
    /** The intake caller of claims made from Shopify webhooks. */
    public static final String CALLER = "shopify";
    static final Set<String> TOPICS = Set.of("orders/cancelled", "refunds/create", "returns/request");
    private static final Set<String> NOTHING_CAPTURED = Set.of("pending", "authorized", "voided", "expired");

    @Inject
    ClaimIntake claims;
    @Inject
    ExternalRefunds externalRefunds;
    @Inject
    ShopifyOrders orders;
    @Inject
    OrderRecords orderRecords;

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String handle(WebhookDelivery delivery) {
        JsonNode body = Json.read(delivery.body);
        return switch (delivery.topic) {
            case "orders/cancelled" -> cancelled(body);
            case "refunds/create" -> refund(body, Json.text(body, "order_id"), null);
            case "returns/request" -> returnRequested(body);
            default -> "Ignored topic " + delivery.topic;
        };
    }

    private String cancelled(JsonNode order) {
        String orderId = required(order, "id");
        List<String> done = new ArrayList<>();
        // Refunds made while cancelling are recorded first, whichever of the two webhooks arrives first.
        order.path("refunds").forEach(refund -> done.add(refund(refund, orderId, Json.text(order, "currency"))));
        if (!order.path("fulfillments").isEmpty() || Json.text(order, "fulfillment_status") != null) {
            return "Order " + orderId + " had shipped (fulfillment " + Json.text(order, "fulfillment_status") + "): no claim";
        }
        String financial = Json.text(order, "financial_status");
        if (financial != null && NOTHING_CAPTURED.contains(financial)) {
            return "Order " + orderId + " is " + financial + ": no payment was captured, nothing to refund";
        }
        if ("partially_paid".equals(financial)) {
            // The payload does not say reliably how much was captured: claiming total_price could refund more than was paid.
            return "Order " + orderId + " was only partially paid: no claim, a person refunds it in Shopify";
        }
        BigDecimal paid = Json.decimal(order, "total_price");
        if (paid == null || Json.text(order, "currency") == null) {
            throw new WebhookRejected("Order " + orderId + " has no total_price or currency");
        }
        BigDecimal left = paid.subtract(ShopifyClaims.refunded(order.path("refunds")));
        if (left.signum() <= 0) {
            return "Order " + orderId + " was already refunded in Shopify: no claim";
        }
        var submission = claims.submit(CALLER, ShopifyClaims.cancelledBeforeShipment(order, left));
        done.add((submission.created() ? "Created claim " : "Claim already existed: ") + submission.claim().id());
        return String.join("; ", done);
    }

    /** Records one refund; {@code orderCurrency} is the order's, when the payload carries the order (else null). */
    private String refund(JsonNode refund, String orderId, String orderCurrency) {
        String refundId = required(refund, "id");
        if (orderId == null) {
            throw new WebhookRejected("Refund " + refundId + " names no order_id");
        }
        BigDecimal amount = ShopifyClaims.refundedAmount(refund);
        if (amount.signum() == 0) {
            return "Refund " + refundId + " moved no money (restock or adjustment only)";
        }
        // Money hazard: a refund left unrecorded overstates the order's refundable balance, so a missing transaction
        // currency (null in Shopify's own 2025-01 sample) falls back to the refund's shop money, then to the order's.
        String currency = ShopifyClaims.refundCurrency(refund)
                .or(() -> Optional.ofNullable(orderCurrency))
                .or(() -> orderRecords.currencyOf(orderId))
                .orElseThrow(() -> new WebhookRejected("Refund " + refundId + " has no currency, and order " + orderId
                        + " is not known to ClaimPilot"));
        String at = Json.text(refund, "processed_at") != null ? Json.text(refund, "processed_at") : Json.text(refund, "created_at");
        var recorded = externalRefunds.record(new ExternalRefunds.Reported(PROVIDER, refundId, orderId, amount, currency,
                Json.text(refund, "note"), Json.text(refund, "user_id") == null, ShopifyClaims.instant(at)));
        if (!recorded.isNew()) {
            return "Refund " + refundId + " was already recorded";
        }
        return recorded.ourClaimId() != null
                ? "Refund " + refundId + " is ClaimPilot's refund for claim " + recorded.ourClaimId() + ": not counted twice"
                : "Recorded refund " + refundId + " of " + amount.toPlainString() + " " + currency + " on order " + orderId;
    }

    private String returnRequested(JsonNode request) {
        String returnId = required(request, "id");
        String orderId = Json.text(request.path("order"), "id");
        if (orderId == null) {
            throw new WebhookRejected("Return " + returnId + " names no order");
        }
        JsonNode returnLines = request.path("return_line_items");
        if (!returnLines.isArray() || returnLines.isEmpty()) {
            // Checked before the Admin API is called: an empty return costs nothing and cannot fail.
            return "Return " + returnId + " has no lines: no claim";
        }
        if (!orders.configured()) {
            // A missing configuration never fixes itself between retries: failed at once, with what to set.
            throw new WebhookRejected("returns/request needs the Shopify Admin API: set claimpilot.shopify.base-url"
                    + " and CLAIMPILOT_SHOPIFY_ACCESS_TOKEN");
        }
        JsonNode order = orders.order(orderId)
                .orElseThrow(() -> new WebhookRejected("Shopify does not know order " + orderId));
        Map<String, JsonNode> lines = ShopifyClaims.lineItemsById(order);
        Map<ClaimReason, List<ShopifyClaims.ReturnedLine>> byReason = new EnumMap<>(ClaimReason.class);
        for (JsonNode item : returnLines) {
            String lineId = Json.text(item.path("fulfillment_line_item").path("line_item"), "id");
            JsonNode line = lines.get(lineId);
            int quantity = item.path("quantity").asInt(0);
            if (line == null || quantity < 1) {
                throw new WebhookRejected("Return " + returnId + " names line item " + lineId + " that order " + orderId + " does not have");
            }
            byReason.computeIfAbsent(ShopifyClaims.reason(item), reason -> new ArrayList<>())
                    .add(new ShopifyClaims.ReturnedLine(line, quantity));
        }
        List<String> created = new ArrayList<>();
        byReason.forEach((reason, returned) -> {
            var submission = claims.submit(CALLER, ShopifyClaims.returned(returnId, reason, order, returned));
            created.add(reason + " " + submission.claim().id() + (submission.created() ? "" : " (already existed)"));
        });
        return "Return " + returnId + ": claims " + String.join(", ", created);
    }

    private static String required(JsonNode node, String field) {
        String value = Json.text(node, field);
        if (value == null) {
            throw new WebhookRejected("The payload has no " + field);
        }
        return value;
    }
}

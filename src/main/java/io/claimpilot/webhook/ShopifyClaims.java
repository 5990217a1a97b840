package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.claim.ClaimReason;
import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.claim.Fulfillment;
import io.claimpilot.common.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Shopify order and return payloads (REST Admin API shapes) into claim requests for the ordinary intake, so a
 * webhook claim is validated, deduplicated and decided exactly like one sent to {@code POST /api/claims}.
 */
final class ShopifyClaims {

    private static final int MAX_TEXT = 200;

    private ShopifyClaims() {
    }

    /** A claim for an order cancelled before it shipped, asking back what is left after refunds already made. */
    static ClaimRequest cancelledBeforeShipment(JsonNode order, BigDecimal left) {
        String orderId = Json.text(order, "id");
        String currency = Json.text(order, "currency");
        List<ClaimRequest.Item> items = new ArrayList<>();
        order.path("line_items").forEach(line -> {
            int quantity = line.path("quantity").asInt(0);
            if (quantity > 0) {
                items.add(item(order, line, quantity, currency));
            }
        });
        // Nothing was shipped: the shipping paid is refunded with the goods.
        return new ClaimRequest("shopify-order-cancelled-" + orderId, orderId, ClaimReason.ORDER_CANCELLED_BEFORE_SHIPMENT,
                customer(order), new Money(left, currency), items, orderFacts(order, Fulfillment.UNFULFILLED),
                List.of(), address(order.path("shipping_address")), shipping(order, currency));
    }

    /** A claim for the lines of one return request that share a reason. */
    static ClaimRequest returned(String returnId, ClaimReason reason, JsonNode order, List<ReturnedLine> lines) {
        String orderId = Json.text(order, "id");
        String currency = Json.text(order, "currency");
        List<ClaimRequest.Item> items = lines.stream()
                .map(line -> item(order, line.lineItem(), line.quantity(), currency))
                .toList();
        BigDecimal amount = items.stream().map(item -> item.unitPrice().amount().multiply(BigDecimal.valueOf(item.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal paid = Json.decimal(order, "total_price");
        if (paid != null && amount.compareTo(paid) > 0) {
            amount = paid;
        }
        // The customer has the goods in hand to return them: the order was delivered, and its shipping is not refunded.
        return new ClaimRequest("shopify-return-" + returnId + "-" + reason.name(), orderId, reason, customer(order),
                new Money(amount, currency), items, orderFacts(order, Fulfillment.DELIVERED), List.of(),
                address(order.path("shipping_address")));
    }

    /** One returned line: the order's line item and how many of it come back. */
    record ReturnedLine(JsonNode lineItem, int quantity) {
    }

    /**
     * Shopify's return reason to ours. Defective goods are damaged goods (the policy asks for a photo); a wrong item
     * is a wrong item; everything else (size, style, colour, unwanted, not as described, other, unknown) is OTHER, which
     * the default policy sends to a person. Newer API versions send a reason definition handle instead of the enum.
     */
    static ClaimReason reason(JsonNode returnLineItem) {
        String reason = Json.text(returnLineItem, "return_reason");
        if (reason == null) {
            reason = Json.text(returnLineItem.path("return_reason_definition"), "handle");
        }
        String normalised = reason == null ? "" : reason.toUpperCase(Locale.ROOT).replace('-', '_');
        if (normalised.contains("DEFECT") || normalised.contains("DAMAGE")) {
            return ClaimReason.DAMAGED;
        }
        if (normalised.contains("WRONG_ITEM")) {
            return ClaimReason.WRONG_ITEM;
        }
        return ClaimReason.OTHER;
    }

    /** Money actually received for an order: what it cost, less the refunds listed in the payload. */
    static BigDecimal refunded(JsonNode refunds) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode refund : refunds) {
            total = total.add(refundedAmount(refund));
        }
        return total;
    }

    /** The money one Shopify refund gave back: its successful refund transactions. */
    static BigDecimal refundedAmount(JsonNode refund) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode transaction : refund.path("transactions")) {
            if ("refund".equals(Json.text(transaction, "kind")) && "success".equals(Json.text(transaction, "status"))) {
                BigDecimal amount = Json.decimal(transaction, "amount");
                total = total.add(amount == null ? BigDecimal.ZERO : amount);
            }
        }
        return total;
    }

    /**
     * The currency of one Shopify refund: its transactions' {@code currency}, else the {@code currency_code} of the shop
     * money in its {@code *_set} fields (line subtotals, taxes, duties, adjustments). Shopify's published 2025-01
     * {@code refunds/create} sample has {@code "currency": null} on every transaction, USD only in the shop money.
     * Empty when neither says, or when what they say is not an ISO 4217 code.
     */
    static Optional<String> refundCurrency(JsonNode refund) {
        for (JsonNode transaction : refund.path("transactions")) {
            String currency = Json.text(transaction, "currency");
            if (currency != null) {
                return isoCurrency(currency);
            }
        }
        for (JsonNode shopMoney : refund.findValues("shop_money")) {
            String currency = Json.text(shopMoney, "currency_code");
            if (currency != null) {
                return isoCurrency(currency);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> isoCurrency(String code) {
        try {
            // XXX is ISO's "no currency"; Shopify puts it in the unsettled amounts of a transaction.
            return code.equals("XXX") ? Optional.empty() : Optional.of(Currency.getInstance(code).getCurrencyCode());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Map<String, JsonNode> lineItemsById(JsonNode order) {
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        order.path("line_items").forEach(line -> byId.put(Json.text(line, "id"), line));
        return byId;
    }

    static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ClaimRequest.Order orderFacts(JsonNode order, Fulfillment fulfillment) {
        String currency = Json.text(order, "currency");
        return new ClaimRequest.Order(fulfillment, new Money(Json.decimal(order, "total_price"), currency), null,
                instant(Json.text(order, "created_at")), null, null);
    }

    /** A claimed line with its VAT: Shopify's tax lines on it, and whether the order's prices include taxes. */
    private static ClaimRequest.Item item(JsonNode order, JsonNode line, int quantity, String currency) {
        return new ClaimRequest.Item(sku(line), quantity, new Money(unitPrice(line, currency), currency),
                taxRate(line), order.path("taxes_included").asBoolean(true));
    }

    /**
     * The rate, in percent, of a line item or a shipping line: the sum of its tax lines' rates (Shopify gives fractions,
     * 0.2 for 20 %; a line taxed twice, such as GST + QST, carries both). A line Shopify marks as not taxable is at
     * 0 %. Null (the shop's default rate) when Shopify says nothing.
     */
    static BigDecimal taxRate(JsonNode line) {
        JsonNode taxLines = line.path("tax_lines");
        if (taxLines.isArray() && !taxLines.isEmpty()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode taxLine : taxLines) {
                BigDecimal rate = lenientDecimal(taxLine, "rate");
                if (rate == null) {
                    return null;
                }
                sum = sum.add(rate);
            }
            // The intake keeps four decimals of a percentage: 9.975 % fits, anything finer is rounded.
            BigDecimal percent = sum.movePointRight(2).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
            return percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0 ? null
                    : percent.scale() < 1 ? percent.setScale(1) : percent;
        }
        // An order without tax lines may be a shop that has not set up taxes in Shopify, not a sale free of VAT: only
        // a line Shopify marks as not taxable is known to be at 0 %.
        return line.path("taxable").isBoolean() && !line.path("taxable").asBoolean() ? new BigDecimal("0.0") : null;
    }

    /**
     * The order's shipping lines as the claim's shipping: their price after discounts, and their rate when all share
     * one (otherwise none, and the shipping follows the goods' rates). Null when the order has no shipping to refund.
     */
    static ClaimRequest.Shipping shipping(JsonNode order, String currency) {
        BigDecimal amount = BigDecimal.ZERO;
        java.util.Set<BigDecimal> rates = new java.util.TreeSet<>();
        boolean unknownRate = false;
        for (JsonNode line : order.path("shipping_lines")) {
            BigDecimal price = lenientDecimal(line, "discounted_price");
            if (price == null) {
                price = lenientDecimal(line, "price");
            }
            if (price == null || price.signum() <= 0) {
                continue;
            }
            amount = amount.add(price);
            BigDecimal rate = taxRate(line);
            if (rate == null) {
                unknownRate = true;
            } else {
                rates.add(rate);
            }
        }
        if (amount.signum() <= 0) {
            return null;
        }
        BigDecimal rate = !unknownRate && rates.size() == 1 ? rates.iterator().next() : null;
        return new ClaimRequest.Shipping(new Money(amount.setScale(digits(currency), RoundingMode.DOWN), currency), rate);
    }

    /** A decimal a payload may lack or garble: the claim then goes on without it rather than failing the webhook. */
    private static BigDecimal lenientDecimal(JsonNode node, String field) {
        try {
            return Json.decimal(node, field);
        } catch (WebhookRejected e) {
            return null;
        }
    }

    /** The line's price per unit after its discounts, rounded down to the currency's decimals: never more than was paid. */
    private static BigDecimal unitPrice(JsonNode line, String currency) {
        BigDecimal price = Json.decimal(line, "price");
        int quantity = Math.max(1, line.path("quantity").asInt(1));
        BigDecimal discounts = BigDecimal.ZERO;
        for (JsonNode allocation : line.path("discount_allocations")) {
            BigDecimal amount = Json.decimal(allocation, "amount");
            discounts = discounts.add(amount == null ? BigDecimal.ZERO : amount);
        }
        BigDecimal perUnit = (price == null ? BigDecimal.ZERO : price).subtract(discounts.divide(BigDecimal.valueOf(quantity),
                10, RoundingMode.DOWN)).max(BigDecimal.ZERO);
        return perUnit.setScale(digits(currency), RoundingMode.DOWN);
    }

    private static int digits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }

    private static String sku(JsonNode line) {
        String sku = Json.text(line, "sku");
        if (sku != null) {
            return limit(sku);
        }
        String variant = Json.text(line, "variant_id");
        return variant != null ? "shopify-variant-" + variant : "shopify-line-" + Json.text(line, "id");
    }

    /** The Shopify customer id is the customer id, so velocity counts match claims the shop sends with the same ids. */
    private static ClaimRequest.Customer customer(JsonNode order) {
        JsonNode customer = order.path("customer");
        String id = Json.text(customer, "id");
        String email = Json.text(order, "email") != null ? Json.text(order, "email") : Json.text(customer, "email");
        String name = join(Json.text(customer, "first_name"), Json.text(customer, "last_name"));
        String locale = Json.text(order, "customer_locale");
        return new ClaimRequest.Customer(id != null ? id : "shopify-guest-order-" + Json.text(order, "id"),
                email != null && email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") && email.length() <= 320 ? email : null,
                locale != null && !Locale.forLanguageTag(locale).getLanguage().isEmpty() ? locale : null,
                name == null ? null : limit(name));
    }

    private static ClaimRequest.Address address(JsonNode address) {
        String line1 = Json.text(address, "address1");
        String city = Json.text(address, "city");
        String country = Json.text(address, "country_code");
        if (line1 == null || city == null || country == null || !country.matches("[A-Z]{2}")) {
            return null;
        }
        String line2 = Json.text(address, "address2");
        String zip = Json.text(address, "zip");
        return new ClaimRequest.Address(limit(line1), line2 == null ? null : limit(line2), zip == null ? null : limit(zip),
                limit(city), country);
    }

    private static String join(String first, String last) {
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return joined.isEmpty() ? null : joined;
    }

    private static String limit(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}

package io.claimpilot.claim;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.ApiProblem.FieldViolation;
import io.claimpilot.common.Money;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a claim body and names every invalid field by its JSON path. Runs before anything is stored.
 * Money must be a non-negative decimal in a real ISO 4217 currency, with no more decimals than the currency has,
 * and one claim uses one currency throughout.
 */
public final class ClaimRequestValidator {

    public static final int MAX_ITEMS = 200;
    private static final int MAX_TEXT = 200;
    /** The invoice number's column; a credit note prints it as sent. */
    public static final int MAX_INVOICE_NUMBER = 100;
    /** A VAT rate's decimals in the database (numeric(7, 4)): 8.25 %, 9.975 % fit. */
    private static final int MAX_RATE_DECIMALS = 4;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** helpdesk_ticket.ticket_id's and claim.helpdesk_ticket_id's width. */
    public static final int MAX_HELPDESK_TICKET_ID = 100;
    private static final Pattern HELPDESK_TICKET_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_HELPDESK_TICKET_ID + "}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Set<String> ISO_CODES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final List<FieldViolation> violations = new ArrayList<>();

    private ClaimRequestValidator() {
    }

    public static void check(ClaimRequest request) {
        if (request == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        ClaimRequestValidator validator = new ClaimRequestValidator();
        validator.validate(request);
        if (!validator.violations.isEmpty()) {
            throw ApiProblem.invalid(validator.violations);
        }
    }

    public static void check(EvidenceRequest evidence) {
        if (evidence == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        ClaimRequestValidator validator = new ClaimRequestValidator();
        validator.evidence("", evidence);
        if (!validator.violations.isEmpty()) {
            throw ApiProblem.invalid(validator.violations);
        }
    }

    /** Any money object: an ISO 4217 currency and a non-negative amount with the currency's decimals at most. */
    public static void checkMoney(String field, Money amount) {
        ClaimRequestValidator validator = new ClaimRequestValidator();
        validator.money(field, amount);
        if (!validator.violations.isEmpty()) {
            throw ApiProblem.invalid(validator.violations);
        }
    }

    /**
     * The order's facts a claim link carries (issue #16): a claim's body without its externalId, reason and amount,
     * checked field by field as {@link #check(ClaimRequest)} checks them, with at least one item for the customer to
     * choose from. Fields are named as in the claim's body.
     */
    public static void checkOrderFacts(String orderId, ClaimRequest.Customer customer, java.util.List<ClaimRequest.Item> items,
                                       ClaimRequest.Order order, ClaimRequest.Address shippingAddress) {
        ClaimRequestValidator validator = new ClaimRequestValidator();
        validator.text("orderId", orderId, true);
        validator.customer(customer);
        String currency = order != null && order.totalPaid() != null && order.totalPaid().currency() != null
                ? order.totalPaid().currency() : null;
        validator.order(order, null);
        if (items == null || items.isEmpty()) {
            validator.fail("items", "must list the order's items, at least one, for the customer to choose from");
        } else {
            validator.items(items, currency);
        }
        validator.address(shippingAddress);
        if (!validator.violations.isEmpty()) {
            throw ApiProblem.invalid(validator.violations);
        }
    }

    /** A refund amount an agent typed: positive, in the claim's currency. */
    public static void checkRefundAmount(String field, Money amount, String claimCurrency) {
        ClaimRequestValidator validator = new ClaimRequestValidator();
        if (validator.money(field, amount) && amount.amount().signum() == 0) {
            validator.fail(field + ".amount", "must be more than 0");
        }
        if (amount != null && amount.currency() != null && !amount.currency().equals(claimCurrency)) {
            validator.fail(field + ".currency", "must be the claim's currency " + claimCurrency);
        }
        if (!validator.violations.isEmpty()) {
            throw ApiProblem.invalid(validator.violations);
        }
    }

    /** An admin's correction of a pinned order: a valid total, an optional payment reference, and a reason. */
    public static void check(OrderCorrectionRequest correction) {
        if (correction == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        ClaimRequestValidator validator = new ClaimRequestValidator();
        validator.money("totalPaid", correction.totalPaid());
        validator.text("paymentReference", correction.paymentReference(), false);
        validator.text("reason", correction.reason(), true);
        if (!validator.violations.isEmpty()) {
            throw ApiProblem.invalid(validator.violations);
        }
    }

    private void validate(ClaimRequest request) {
        text("externalId", request.externalId(), true);
        text("orderId", request.orderId(), true);
        required("reason", request.reason());
        customer(request.customer());
        boolean amountValid = money("amount", request.amount());
        String currency = amountValid ? request.amount().currency() : null;
        order(request.order(), currency);
        items(request.items(), currency);
        exchanges(request.items(), request.reason());
        shipping(request.shipping(), currency);
        for (int i = 0; i < request.evidence().size(); i++) {
            evidence("evidence[" + i + "].", request.evidence().get(i));
        }
        address(request.shippingAddress());
        helpdeskTicketId(request.helpdeskTicketId());
    }

    /**
     * A helpdesk ticket id goes into the path of the helpdesk's API ({@code /tickets/{id}}): letters, digits, '-' and
     * '_' only, so it can never reach another resource than a ticket.
     */
    private void helpdeskTicketId(String ticketId) {
        if (ticketId != null && !HELPDESK_TICKET_ID.matcher(ticketId).matches()) {
            fail("helpdeskTicketId", "must be 1 to " + MAX_HELPDESK_TICKET_ID
                    + " letters, digits, '-' or '_', such as the Zendesk or Gorgias ticket number");
        }
    }

    private void address(ClaimRequest.Address address) {
        if (address == null) {
            return;
        }
        text("shippingAddress.line1", address.line1(), true);
        text("shippingAddress.line2", address.line2(), false);
        text("shippingAddress.postalCode", address.postalCode(), false);
        text("shippingAddress.city", address.city(), true);
        if (address.country() == null || !address.country().matches("[A-Z]{2}")) {
            fail("shippingAddress.country", "must be an ISO 3166 two-letter code such as FR");
        }
    }

    private void customer(ClaimRequest.Customer customer) {
        if (required("customer", customer)) {
            text("customer.id", customer.id(), true);
            if (customer.email() != null && (customer.email().length() > 320 || !EMAIL.matcher(customer.email()).matches())) {
                fail("customer.email", "is not an e-mail address");
            }
            text("customer.name", customer.name(), false);
            if (customer.locale() != null && (customer.locale().isBlank()
                    || Locale.forLanguageTag(customer.locale()).getLanguage().isEmpty())) {
                fail("customer.locale", "is not a language tag such as 'fr' or 'en-GB'");
            }
        }
    }

    private void order(ClaimRequest.Order order, String currency) {
        if (!required("order", order)) {
            return;
        }
        required("order.fulfillment", order.fulfillment());
        if (money("order.totalPaid", order.totalPaid())) {
            sameCurrency("order.totalPaid.currency", order.totalPaid(), currency);
        }
        text("order.paymentReference", order.paymentReference(), false);
        invoiceNumber("order.invoiceNumber", order.invoiceNumber());
    }

    /** Optional, but when sent it is printed on every credit note: not blank, not too long, no control characters. */
    private void invoiceNumber(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            fail(field, "must not be blank; leave it out when the order has no invoice");
        } else if (value.length() > MAX_INVOICE_NUMBER) {
            fail(field, "is longer than " + MAX_INVOICE_NUMBER + " characters");
        } else if (CONTROL.matcher(value).find()) {
            fail(field, "must not contain control characters");
        }
    }

    private void shipping(ClaimRequest.Shipping shipping, String currency) {
        if (shipping == null) {
            return;
        }
        if (money("shipping.amount", shipping.amount())) {
            sameCurrency("shipping.amount.currency", shipping.amount(), currency);
        }
        taxRate("shipping.taxRate", shipping.taxRate());
    }

    /** A VAT rate in percent, when sent: 0 to 100, with at most four decimals. */
    private void taxRate(String field, BigDecimal rate) {
        if (rate == null) {
            return;
        }
        if (rate.signum() < 0 || rate.compareTo(HUNDRED) > 0) {
            fail(field, "must be a percentage between 0 and 100, such as \"20.0\" or \"5.5\"");
        } else if (rate.stripTrailingZeros().scale() > MAX_RATE_DECIMALS) {
            fail(field, "has more than " + MAX_RATE_DECIMALS + " decimals");
        }
    }

    private void items(List<ClaimRequest.Item> items, String currency) {
        if (items.size() > MAX_ITEMS) {
            fail("items", "has " + items.size() + " entries; at most " + MAX_ITEMS + " are allowed");
            return;
        }
        Boolean firstIncludesTax = null;
        boolean mixReported = false;
        for (int i = 0; i < items.size(); i++) {
            String field = "items[" + i + "]";
            ClaimRequest.Item item = items.get(i);
            if (!required(field, item)) {
                continue;
            }
            taxRate(field + ".taxRate", item.taxRate());
            // One claim's prices all include VAT or all exclude it: the first line that differs is named, once.
            if (firstIncludesTax == null) {
                firstIncludesTax = item.includesTax();
            } else if (firstIncludesTax != item.includesTax() && !mixReported) {
                fail(field + ".taxIncluded", "is " + item.includesTax() + " but the first item's is " + firstIncludesTax
                        + "; a claim's prices all include VAT or all exclude it");
                mixReported = true;
            }
            text(field + ".sku", item.sku(), true);
            if (item.quantity() == null || item.quantity() < 1) {
                fail(field + ".quantity", "must be 1 or more");
            }
            if (money(field + ".unitPrice", item.unitPrice())) {
                sameCurrency(field + ".unitPrice.currency", item.unitPrice(), currency);
            }
        }
    }

    /** Reasons for which an item may ask for another variant: the customer got the wrong one, or a broken one. */
    public static final java.util.Set<ClaimReason> EXCHANGE_REASONS = java.util.EnumSet.of(ClaimReason.WRONG_ITEM, ClaimReason.DAMAGED);

    /**
     * {@code exchangeFor} names a replacement SKU, different from the claimed one (the same SKU again is a reshipment),
     * and only on claims whose reason an exchange answers: a cancelled, lost or returned order is refunded or reshipped.
     */
    private void exchanges(List<ClaimRequest.Item> items, ClaimReason reason) {
        for (int i = 0; i < items.size() && i < MAX_ITEMS; i++) {
            ClaimRequest.Item item = items.get(i);
            if (item == null || item.exchangeFor() == null) {
                continue;
            }
            String field = "items[" + i + "].exchangeFor";
            if (reason != null && !EXCHANGE_REASONS.contains(reason)) {
                fail(field, "is only accepted for WRONG_ITEM or DAMAGED claims, not " + reason);
                continue;
            }
            String sku = item.exchangeFor().sku();
            text(field + ".sku", sku, true);
            if (sku != null && !sku.isBlank() && sku.length() > MAX_SKU) {
                fail(field + ".sku", "is longer than " + MAX_SKU + " characters");
            } else if (sku != null && sku.strip().equals(item.sku() == null ? null : item.sku().strip())) {
                fail(field + ".sku", "is the claimed SKU itself; to send the same item again, leave exchangeFor out");
            }
        }
    }

    /** The stock table's key is at most this long; a replacement must be a SKU the warehouse can hold. */
    private static final int MAX_SKU = 100;

    private void evidence(String prefix, EvidenceRequest evidence) {
        if (!required(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), evidence)
                || !required(prefix + "type", evidence.type())) {
            return;
        }
        if (evidence.type() == EvidenceType.PHOTO && !isWebUrl(evidence.url())) {
            fail(prefix + "url", "must be an http or https address of the photo");
        }
        if (evidence.type() == EvidenceType.TRACKING_NUMBER) {
            text(prefix + "trackingNumber", evidence.trackingNumber(), true);
        }
    }

    /** Checks a money object; returns true when it is usable. */
    private boolean money(String field, Money money) {
        if (!required(field, money)) {
            return false;
        }
        boolean valid = true;
        Currency currency = null;
        if (money.currency() == null || !ISO_CODES.contains(money.currency())) {
            fail(field + ".currency", money.currency() == null ? "is required"
                    : "'" + money.currency() + "' is not an ISO 4217 currency code");
            valid = false;
        } else {
            currency = Currency.getInstance(money.currency());
        }
        if (money.amount() == null) {
            fail(field + ".amount", "is required");
            return false;
        }
        if (money.amount().signum() < 0) {
            fail(field + ".amount", "must not be negative");
            valid = false;
        } else if (currency != null && currency.getDefaultFractionDigits() >= 0
                && money.amount().stripTrailingZeros().scale() > currency.getDefaultFractionDigits()) {
            fail(field + ".amount", "has more decimals than " + money.currency() + " allows ("
                    + currency.getDefaultFractionDigits() + ")");
            valid = false;
        } else if (money.amount().precision() - money.amount().scale() > 15) {
            fail(field + ".amount", "is too large");
            valid = false;
        }
        return valid;
    }

    private void sameCurrency(String field, Money money, String currency) {
        if (currency != null && !currency.equals(money.currency())) {
            fail(field, "is " + money.currency() + " but the claim amount is in " + currency + "; a claim uses one currency");
        }
    }

    private void text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                fail(field, "is required");
            }
        } else if (value.length() > MAX_TEXT) {
            fail(field, "is longer than " + MAX_TEXT + " characters");
        }
    }

    private boolean required(String field, Object value) {
        if (value == null) {
            fail(field, "is required");
            return false;
        }
        return true;
    }

    private static boolean isWebUrl(String value) {
        if (value == null || value.length() > 2000) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void fail(String field, String message) {
        violations.add(new FieldViolation(field, message));
    }
}

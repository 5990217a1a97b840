package io.claimpilot.message;

import io.claimpilot.common.Money;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a message template can say about a claim. {@link #VARIABLES} is the whole data model: a template that uses
 * anything else is rejected when the templates load (docs/policy-guide.md lists it for analysts).
 *
 * @param customerName   the customer's full name, or null
 * @param amount         the refund, or the claimed amount
 * @param deadline       the evidence deadline, or null
 * @param trackingNumber the reshipment's tracking number, or null
 * @param carrier        the reshipment's carrier, or null
 * @param photoUpload    the address of the page where the customer sends the photo a claim waits for, or null
 * @param replacement    what an exchange sent instead of the claimed item ("SHOE-42"), or null
 */
public record MessageValues(String customerName, String claimId, String orderId, String shopName, Money amount,
                            Instant deadline, String trackingNumber, String carrier, String photoUpload, String replacement) {

    public MessageValues(String customerName, String claimId, String orderId, String shopName, Money amount,
                         Instant deadline, String trackingNumber, String carrier, String photoUpload) {
        this(customerName, claimId, orderId, shopName, amount, deadline, trackingNumber, carrier, photoUpload, null);
    }

    public MessageValues(String customerName, String claimId, String orderId, String shopName, Money amount,
                         Instant deadline, String trackingNumber, String carrier) {
        this(customerName, claimId, orderId, shopName, amount, deadline, trackingNumber, carrier, null, null);
    }

    /** Each variable, with its properties (none for a plain value such as {@code amount}). */
    public static final Map<String, Set<String>> VARIABLES = orderedVariables();

    /**
     * What a template may call on a value: a default when it is empty ({@code {carrier ?: 'La Poste'}} is
     * {@code {carrier.or('La Poste')}}) and {@code ifTruthy}.
     */
    public static final Set<String> METHODS = Set.of("?:", "or", "ifTruthy");

    private static Map<String, Set<String>> orderedVariables() {
        Map<String, Set<String>> variables = new LinkedHashMap<>();
        variables.put("customer", Set.of("firstName", "name"));
        variables.put("claim", Set.of("id"));
        variables.put("order", Set.of("id"));
        variables.put("shop", Set.of("name"));
        variables.put("amount", Set.of());
        variables.put("deadline", Set.of());
        variables.put("trackingNumber", Set.of());
        variables.put("carrier", Set.of());
        variables.put("photoUpload", Set.of());
        variables.put("replacement", Set.of());
        return java.util.Collections.unmodifiableMap(variables);
    }

    /**
     * The template data, written for the customer's locale: the amount as that locale writes money, the deadline as
     * a date in words. A missing value is an empty string, which {@code {#if}} treats as false.
     */
    Map<String, Object> data(Locale locale) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customer", Map.of("firstName", firstName(customerName), "name", text(customerName)));
        data.put("claim", Map.of("id", text(claimId)));
        data.put("order", Map.of("id", text(orderId)));
        data.put("shop", Map.of("name", text(shopName)));
        data.put("amount", amount == null ? "" : formatAmount(amount, locale));
        data.put("deadline", deadline == null ? "" : formatDate(deadline, locale));
        data.put("trackingNumber", text(trackingNumber));
        data.put("carrier", text(carrier));
        data.put("photoUpload", text(photoUpload));
        data.put("replacement", text(replacement));
        return data;
    }

    /** "89,90 €" in French, "€89.90" in English. */
    public static String formatAmount(Money money, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        try {
            Currency currency = Currency.getInstance(money.currency());
            format.setCurrency(currency);
            format.setMinimumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
            format.setMaximumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
        } catch (IllegalArgumentException e) {
            return money.toString();
        }
        return format.format(money.amount());
    }

    /**
     * "28 novembre 2026", "28 November 2026": a date without a time, so no time zone can make it wrong by an hour.
     * The date is the UTC one, the day the deadline falls on for the service.
     */
    static String formatDate(Instant instant, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .format(instant.atZone(ZoneOffset.UTC).toLocalDate());
    }

    static String firstName(String name) {
        String trimmed = text(name).strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

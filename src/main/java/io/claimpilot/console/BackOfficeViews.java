package io.claimpilot.console;

import io.claimpilot.common.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Small formatting helpers for the analysts' and admins' pages: instants, money, ratios and submitted form values. */
public final class BackOfficeViews {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private BackOfficeViews() {
    }

    static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    static String money(Money money) {
        return money == null ? "" : money.amount().toPlainString() + " " + money.currency();
    }

    /** 0.8123 as "81.2 %". */
    static String percent(BigDecimal ratio) {
        return ratio == null ? "" : ratio.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    /** A signed change, "+0.0 %" style, so a drop reads as a drop. */
    static String signedPercent(BigDecimal ratio) {
        return (ratio.signum() > 0 ? "+" : "") + percent(ratio);
    }

    static String signed(String amount) {
        return amount.startsWith("-") || new BigDecimal(amount).signum() == 0 ? amount : "+" + amount;
    }

    /** What a form was sent with, to show it again beside the reason it was refused. Passwords are never kept. */
    @io.quarkus.qute.TemplateData
    public record Form(Map<String, String> values) {
        public static final Form EMPTY = new Form(Map.of());

        public static Form of(String... namesAndValues) {
            Map<String, String> values = new java.util.HashMap<>();
            for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
                if (namesAndValues[i + 1] != null) {
                    values.put(namesAndValues[i], namesAndValues[i + 1]);
                }
            }
            return new Form(values);
        }

        public String value(String name) {
            return values.getOrDefault(name, "");
        }

        public String valueOr(String name, String fallback) {
            String value = values.get(name);
            return value == null || value.isBlank() ? fallback : value;
        }

        public boolean is(String name, String value) {
            return value.equals(values.get(name));
        }
    }
}

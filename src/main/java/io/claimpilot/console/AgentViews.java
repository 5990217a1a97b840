package io.claimpilot.console;

import io.claimpilot.common.Money;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Small formatting helpers for the agents' pages: time left, money, instants and facts as a readable table. */
final class AgentViews {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private AgentViews() {
    }

    static String timeLeft(Duration left, ConsoleMessages msg) {
        Duration abs = left.abs();
        String hours = Long.toString(abs.toHours());
        String minutes = Integer.toString(abs.toMinutesPart());
        return left.isNegative() ? msg.overdueBy(hours, minutes) : msg.timeLeft(hours, minutes);
    }

    static String money(Money money) {
        return money == null ? "" : money.amount().toPlainString() + " " + money.currency();
    }

    static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /** One fact of the snapshot: a readable name and its value. */
    record Fact(String name, String value) {
    }

    /** Every component of a record (the fact snapshot), in declaration order, lists excepted (shown apart). */
    static List<Fact> facts(Record snapshot) {
        List<Fact> facts = new ArrayList<>();
        if (snapshot == null) {
            return facts;
        }
        for (RecordComponent component : snapshot.getClass().getRecordComponents()) {
            if (List.class.isAssignableFrom(component.getType())) {
                continue;
            }
            try {
                Object value = component.getAccessor().invoke(snapshot);
                facts.add(new Fact(readable(component.getName()), value instanceof Instant instant ? when(instant)
                        : value == null ? "—" : value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read fact " + component.getName(), e);
            }
        }
        return facts;
    }

    /** {@code customerClaimsLast30Days} becomes "customer claims last 30 days": the name analysts use, spaced. */
    static String readable(String camelCase) {
        String spaced = camelCase.replaceAll("([a-z])([A-Z0-9])", "$1 $2").replaceAll("([0-9])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** Only web links are shown as images and links: nothing else a customer sent can run in the agent's browser. */
    static boolean isWebLink(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }
}

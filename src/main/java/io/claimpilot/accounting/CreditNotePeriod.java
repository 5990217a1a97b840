package io.claimpilot.accounting;

import io.claimpilot.common.ApiProblem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The credit notes asked for: those issued in {@code [from, to)}. Bounds are days in the shop's accounting zone
 * ({@code from=2026-11-01&to=2026-11-30}: the whole of November in Paris, {@code to} included, because an accountant
 * names the last day of a period) or instants ({@code 2026-11-01T00:00:00Z}, {@code to} excluded). Without bounds, the
 * current month in the accounting zone; with one bound, that bound's month.
 */
public record CreditNotePeriod(Instant from, Instant to) {

    public static CreditNotePeriod parse(String from, String to, Clock clock, ZoneId zone) {
        Instant start = blank(from) ? null : bound("from", from, zone, false);
        Instant end = blank(to) ? null : bound("to", to, zone, true);
        if (start == null && end == null) {
            start = monthStart(clock.instant(), zone);
        }
        // One bound alone stands for its month: from=2026-11-10 runs to the end of November, to=2026-11-20 from its start.
        if (start == null) {
            start = monthStart(end.minusNanos(1), zone);
        }
        if (end == null) {
            end = LocalDate.ofInstant(monthStart(start, zone), zone).plusMonths(1).atStartOfDay(zone).toInstant();
        }
        if (!start.isBefore(end)) {
            throw ApiProblem.invalidField("to", "must be after from (" + start + ")");
        }
        return new CreditNotePeriod(start, end);
    }

    private static Instant monthStart(Instant instant, ZoneId zone) {
        return LocalDate.ofInstant(instant, zone).withDayOfMonth(1).atStartOfDay(zone).toInstant();
    }

    private static Instant bound(String field, String value, ZoneId zone, boolean dayIncluded) {
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (dayIncluded ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be a day (2026-11-01) or an instant (2026-11-01T00:00:00Z), not '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package io.claimpilot.kpi;

import io.claimpilot.common.ApiProblem;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The claims counted: those created in {@code [from, to)}. Bounds are instants ({@code 2026-11-01T00:00:00Z}) or days
 * ({@code 2026-11-01}, midnight UTC); without them, the last 30 days.
 */
public record KpiWindow(Instant from, Instant to) {

    public static final Duration DEFAULT_LENGTH = Duration.ofDays(30);
    public static final Duration LONGEST = Duration.ofDays(366);

    public static KpiWindow parse(String from, String to, Clock clock) {
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_LENGTH) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiProblem.invalidField("to", "must be after from (" + start + ")");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw ApiProblem.invalidField("to", "the window may span at most 366 days; " + start + " to " + end + " is longer");
        }
        return new KpiWindow(start, end);
    }

    private static Instant instant(String field, String value) {
        String text = value.strip();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be a day (2026-11-01) or an instant (2026-11-01T00:00:00Z), not '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
    }
}

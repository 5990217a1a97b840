package io.claimpilot.accounting;

import io.claimpilot.common.ApiProblem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The days an accountant asks about, both included, in the shop's legal time zone (the zone of the credit notes'
 * dates). Without bounds: the current month up to today.
 */
public record AccountingPeriod(LocalDate first, LocalDate last, ZoneId zone) {

    public static final long LONGEST_DAYS = 366;

    public static AccountingPeriod parse(String from, String to, Clock clock, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate last = blank(to) ? today : day("to", to);
        LocalDate first = blank(from) ? (blank(to) ? today.withDayOfMonth(1) : last.withDayOfMonth(1)) : day("from", from);
        if (last.isBefore(first)) {
            throw ApiProblem.invalidField("to", "must be on or after from (" + first + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > LONGEST_DAYS) {
            throw ApiProblem.invalidField("to", "the period may span at most " + LONGEST_DAYS + " days; " + first + " to "
                    + last + " is longer");
        }
        return new AccountingPeriod(first, last, zone);
    }

    /** The period's first instant. */
    public Instant start() {
        return first.atStartOfDay(zone).toInstant();
    }

    /** The instant just after the period's last day. */
    public Instant end() {
        return last.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(last);
    }

    private static LocalDate day(String field, String value) {
        String text = value.strip();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be a day such as 2026-11-01, not '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

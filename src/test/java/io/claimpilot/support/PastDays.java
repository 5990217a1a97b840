package io.claimpilot.support;

import io.claimpilot.outbox.Dispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A past day of a test's own on the shared clock, for tests that count everything in a period (the accounting's
 * journal, reconciliation and page): other tests' rows never fall on it. Each test class takes its own range of days
 * after 2000-01-01, and puts the clock back as it found it.
 */
@ApplicationScoped
public class PastDays {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final LocalDate ORIGIN = LocalDate.of(2000, 1, 1);

    @Inject
    MutableClock clock;
    @Inject
    Dispatcher dispatcher;

    /** Where the clock was, to put it back, and the day it stands on now (10:00 in Paris). */
    public record Visit(Instant before, LocalDate day) {
    }

    /** Runs what earlier tests left due at their own time, then moves to a day between these (days after 2000-01-01). */
    public Visit enter(int fromDay, int toDay) {
        Instant before = clock.instant();
        drain();
        LocalDate day = ORIGIN.plusDays(ThreadLocalRandom.current().nextInt(fromDay, toDay));
        clock.set(day.atTime(10, 0).atZone(PARIS).toInstant());
        return new Visit(before, day);
    }

    public void leave(Visit visit) {
        clock.set(visit.before());
    }

    /** Executes every action due now, until none is left. */
    public void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}

package io.claimpilot.common;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** The one source of time; tests replace it to move deadlines without sleeping. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        // PostgreSQL keeps microseconds: a coarser clock makes stored and returned times identical.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }
}

package io.claimpilot.policy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Moves the pilot along on every replica: due steps, completion at 100 %, halting on its indicators. Each run takes
 * the running pilot's row with SKIP LOCKED, so one replica does the work and the others skip. Also reports the pilot
 * as metrics: {@code claimpilot_pilot_percent} and {@code claimpilot_pilot_halted} (1 while halted).
 */
@ApplicationScoped
public class PilotRolloutJob {

    @Inject
    PolicyRollouts rollouts;

    void registerGauges(@Observes StartupEvent started, MeterRegistry registry) {
        Gauge.builder("claimpilot.pilot.percent", rollouts, r -> r.gaugeValues().percent())
                .description("Share of customers in the pilot cohort, in percent (0 without a live pilot)")
                .register(registry);
        Gauge.builder("claimpilot.pilot.halted", rollouts, r -> r.gaugeValues().halted() ? 1 : 0)
                .description("1 while the pilot is halted by its indicators, 0 otherwise")
                .register(registry);
        rollouts.refreshGauges();
    }

    @Scheduled(every = "${claimpilot.pilot.check-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        rollouts.runSchedule();
    }
}

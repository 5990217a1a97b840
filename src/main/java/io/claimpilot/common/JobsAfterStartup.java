package io.claimpilot.common;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Holds every scheduled job until the service has finished starting ({@code quarkus.scheduler.start-mode=halted}),
 * then lets them run. Otherwise the scheduler, which starts first, runs the outbox dispatcher while other start-up
 * observers are still loading what its actions need (the helpdesk in use, the accounting codes, the message
 * templates): after a crash, with a backlog waiting, actions then failed for nothing, some of them for good.
 */
@ApplicationScoped
public class JobsAfterStartup {

    @Inject
    Instance<Scheduler> scheduler;

    /** The last start-up observer: every other one has run. A disabled scheduler (tests) has nothing to resume. */
    void resumeJobs(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        if (scheduler.isResolvable() && scheduler.get().isStarted()) {
            scheduler.get().resume();
        }
    }
}

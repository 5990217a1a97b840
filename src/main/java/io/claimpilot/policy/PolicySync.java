package io.claimpilot.policy;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Follows activations made on other replicas: the latest activation in the database is the active version. */
@ApplicationScoped
public class PolicySync {

    @Inject
    PolicyVersions versions;
    @Inject
    PolicyEngine engine;

    @Scheduled(every = "${claimpilot.policy.sync-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sync() {
        versions.activeInDatabase()
                .filter(hash -> !engine.hasActive() || !hash.equals(engine.active().version()))
                .ifPresent(hash -> engine.activate(engine.version(hash)));
    }
}

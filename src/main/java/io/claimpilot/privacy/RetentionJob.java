package io.claimpilot.privacy;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/** Erases personal data from claims older than the retention period. */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    PrivacyService privacy;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.privacy.retention")
    Duration retention;

    @Scheduled(every = "${claimpilot.privacy.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    public int run() {
        int erased = privacy.eraseOlderThan(clock.instant().minus(retention));
        if (erased > 0) {
            LOG.infof("Erased personal data from %d claim(s) older than %s", erased, retention);
        }
        return erased;
    }
}

package io.claimpilot.claim;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Sends claims whose photo never arrived to a person. Safe with several instances running. */
@ApplicationScoped
public class EvidenceDeadlineJob {

    public static final String ACTOR = "system:evidence-deadline";
    private static final Logger LOG = Logger.getLogger(EvidenceDeadlineJob.class);
    private static final int BATCH = 100;

    @Inject
    ClaimService claims;

    @Scheduled(every = "${claimpilot.evidence.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Escalates every overdue claim, a batch per transaction; returns how many. */
    public int run() {
        int total = 0;
        int escalated;
        do {
            escalated = claims.escalateOverdueEvidence(BATCH);
            total += escalated;
        } while (escalated == BATCH);
        if (total > 0) {
            LOG.infof("Sent %d claim(s) past their evidence deadline to review", total);
        }
        return total;
    }
}

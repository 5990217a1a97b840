package io.claimpilot.review;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Puts claims an agent took but left untouched back in the queue. Safe with several instances running. */
@ApplicationScoped
public class ReviewTimeoutJob {

    private static final Logger LOG = Logger.getLogger(ReviewTimeoutJob.class);
    private static final int BATCH = 100;

    @Inject
    ReviewService reviews;

    @Scheduled(every = "${claimpilot.review.release-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Releases every untouched claim, a batch per transaction; returns how many. */
    public int run() {
        int total = 0;
        int released;
        do {
            released = reviews.releaseUntouched(BATCH);
            total += released;
        } while (released == BATCH);
        if (total > 0) {
            LOG.infof("Put %d untouched claim(s) back in the review queue", total);
        }
        return total;
    }
}

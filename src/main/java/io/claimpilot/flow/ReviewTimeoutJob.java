package io.claimpilot.flow;

import io.claimpilot.common.OverdueRowsJob;
import io.claimpilot.review.ReviewEvent;
import io.claimpilot.review.ReviewSettings;
import io.claimpilot.review.ReviewTask;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Puts claims an agent took but left untouched back in the queue. Safe with several instances running. */
@ApplicationScoped
public class ReviewTimeoutJob extends OverdueRowsJob {

    public static final String ACTOR = "system:review-timeout";

    @Inject
    ReviewDesk desk;
    @Inject
    ReviewSettings settings;
    @Inject
    Clock clock;

    @Scheduled(every = "${claimpilot.review.release-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /**
     * Puts back in the queue a batch of taken claims nobody touched for the configured time, taken with SKIP LOCKED.
     */
    @Override
    @Transactional
    public int moveBatch(int batchSize) {
        List<String> ids = lockOverdue("review_task", "claim_id",
                "resolved_at is null and assignee is not null and touched_at <= :cutoff", "touched_at",
                Map.of("cutoff", clock.instant().minus(settings.claimTimeout())), batchSize);
        for (String id : ids) {
            ReviewTask task = ReviewTask.findById(id);
            desk.unassign(task, ReviewEvent.Kind.TIMED_OUT, ACTOR, "Untouched by " + task.assignee + " for " + settings.claimTimeout());
        }
        return ids.size();
    }

    @Override
    protected String movedMessage() {
        return "Put %d untouched claim(s) back in the review queue";
    }
}

package io.claimpilot.flow;

import io.claimpilot.common.OverdueRowsJob;
import io.claimpilot.review.ReviewEvent;
import io.claimpilot.review.ReviewSettings;
import io.claimpilot.review.ReviewTask;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Puts claims an agent took but left untouched back in the queue. Safe with several instances running. */
@ApplicationScoped
public class ReviewTimeoutJob extends OverdueRowsJob {

    public static final String ACTOR = "system:review-timeout";

    @Inject
    ReviewDesk desk;
    @Inject
    ReviewSettings settings;
    @Inject
    EntityManager em;
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
        Instant cutoff = clock.instant().minus(settings.claimTimeout());
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select claim_id from review_task where resolved_at is null"
                        + " and assignee is not null and touched_at <= :cutoff order by touched_at limit :batch for update skip locked")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", batchSize)
                .getResultList();
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

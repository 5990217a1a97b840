package io.claimpilot.review;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimCancelled;
import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.common.Money;
import io.claimpilot.common.Page;
import io.claimpilot.decision.DecisionAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The human queue: every claim the policy does not settle lands here, as a task with an SLA, until an agent resolves
 * it. This class opens and closes tasks as claims are escalated or withdrawn, and answers the queue's questions; what
 * agents do with a task (take, release, resolve, approve) is the flow's {@code ReviewDesk}.
 */
@ApplicationScoped
public class ReviewQueue {

    @Inject
    Clock clock;
    @Inject
    ReviewSettings settings;

    /** A refund waiting for a second agent. */
    public record PendingApproval(String claimId, String proposalId, DecisionAction action, Money amount, String proposedBy,
                                  String note, Instant proposedAt) {
    }

    /** Runs in the transaction that escalated the claim, so a claim is never in review without a task. */
    void onEscalated(@Observes ClaimEscalated event) {
        ReviewTask task = ReviewTask.findById(event.claimId());
        boolean isNew = task == null;
        if (isNew) {
            task = new ReviewTask();
            task.claimId = event.claimId();
        }
        Claim claim = Claim.require(event.claimId());
        task.reason = event.reason();
        task.claimReason = claim.reason.name();
        task.amount = claim.amount;
        task.currency = claim.currency;
        task.createdAt = clock.instant();
        task.slaDue = task.createdAt.plus(settings.slaFor(task.claimReason));
        task.resolvedAt = null;
        task.assignee = null;
        task.assignedAt = null;
        task.touchedAt = null;
        task.proposedAction = null;
        task.proposedAmount = null;
        task.proposedBy = null;
        task.proposedNote = null;
        task.proposedAt = null;
        task.proposalId = null;
        if (isNew) {
            task.persist();
        }
    }

    /** A shop withdrew the claim: its task leaves the queue. */
    void onCancelled(@Observes ClaimCancelled event) {
        ReviewTask task = ReviewTask.findById(event.claimId());
        if (task != null && task.resolvedAt == null) {
            task.resolvedAt = clock.instant();
            task.resolvedBy = event.by();
            task.resolution = "CANCELLED";
        }
    }

    /** Who may see which part of the queue: everything, what the agent took, or what nobody took. */
    public enum Assignment { ALL, MINE, UNASSIGNED }

    /**
     * Queue filters; null means no filter. {@code olderThan}: tasks opened at least that long ago.
     * {@code breachedOnly}: tasks past their SLA.
     */
    public record QueueFilter(String reason, BigDecimal minAmount, BigDecimal maxAmount, Duration olderThan,
                              Assignment assignment, boolean breachedOnly) {
        public static QueueFilter none() {
            return new QueueFilter(null, null, null, null, Assignment.ALL, false);
        }
    }

    /** One row of the agents' queue. */
    public record QueueRow(String claimId, String claimReason, Money amount, String why, Instant createdAt,
                           Instant slaDue, Duration timeLeft, String assignee, Instant assignedAt,
                           PendingApproval pendingApproval) {
        public boolean breached() {
            return timeLeft.isNegative();
        }
    }

    /** Open tasks matching the filter, the least time left on their SLA first. */
    @Transactional
    public Page<QueueRow> queue(QueueFilter filter, String agent, int page, int size) {
        Page.check(page, size);
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder("resolvedAt is null");
        Map<String, Object> params = new HashMap<>();
        if (filter.reason() != null) {
            where.append(" and claimReason = :reason");
            params.put("reason", filter.reason());
        }
        if (filter.minAmount() != null) {
            where.append(" and amount >= :min");
            params.put("min", filter.minAmount());
        }
        if (filter.maxAmount() != null) {
            where.append(" and amount <= :max");
            params.put("max", filter.maxAmount());
        }
        if (filter.olderThan() != null) {
            where.append(" and createdAt <= :openedBefore");
            params.put("openedBefore", now.minus(filter.olderThan()));
        }
        if (filter.assignment() == Assignment.MINE) {
            where.append(" and assignee = :agent");
            params.put("agent", agent);
        } else if (filter.assignment() == Assignment.UNASSIGNED) {
            where.append(" and assignee is null");
        }
        if (filter.breachedOnly()) {
            where.append(" and slaDue < :now");
            params.put("now", now);
        }
        var query = ReviewTask.<ReviewTask>find(where + " order by slaDue, claimId", params);
        long total = query.count();
        List<QueueRow> rows = query.page(page, size).list().stream()
                .map(task -> new QueueRow(task.claimId, task.claimReason, Money.canonical(task.amount, task.currency),
                        task.reason, task.createdAt, task.slaDue, Duration.between(now, task.slaDue), task.assignee,
                        task.assignedAt, task.proposedAction == null ? null : pending(task, task.currency)))
                .toList();
        return new Page<>(rows, page, size, total);
    }

    /** The open task of a claim, as a queue row; empty once resolved or never in review. */
    @Transactional
    public Optional<QueueRow> openTaskOf(String claimId) {
        ReviewTask task = ReviewTask.findById(claimId);
        if (task == null || task.resolvedAt != null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return Optional.of(new QueueRow(task.claimId, task.claimReason, Money.canonical(task.amount, task.currency),
                task.reason, task.createdAt, task.slaDue, Duration.between(now, task.slaDue), task.assignee, task.assignedAt,
                task.proposedAction == null ? null : pending(task, task.currency)));
    }

    /** Resolutions, newest first; {@code overridesOnly} keeps those that differ from the policy's proposal. */
    @Transactional
    public Page<ReviewResolution.View> resolutions(boolean overridesOnly, int page, int size) {
        Page.check(page, size);
        var query = overridesOnly
                ? ReviewResolution.<ReviewResolution>find("override = true order by resolvedAt desc, id desc")
                : ReviewResolution.<ReviewResolution>find("order by resolvedAt desc, id desc");
        return new Page<>(query.page(page, size).list().stream().map(ReviewResolution::view).toList(), page, size, query.count());
    }

    @Transactional
    public List<ReviewEvent> events(String claimId) {
        return ReviewEvent.forClaim(claimId);
    }

    @Transactional
    public Optional<PendingApproval> pendingApproval(String claimId) {
        ReviewTask task = ReviewTask.findById(claimId);
        if (task == null || task.resolvedAt != null || task.proposedAction == null) {
            return Optional.empty();
        }
        return Optional.of(pending(task, task.currency));
    }

    /** The open tasks, oldest first. */
    @Transactional
    public Page<ReviewTask> openTasks(int page, int size) {
        Page.check(page, size);
        var query = ReviewTask.<ReviewTask>find("resolvedAt is null order by createdAt, claimId");
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    public static PendingApproval pending(ReviewTask task, String currency) {
        return new PendingApproval(task.claimId, task.proposalId, DecisionAction.valueOf(task.proposedAction),
                Money.canonical(task.proposedAmount, currency), task.proposedBy, task.proposedNote, task.proposedAt);
    }
}

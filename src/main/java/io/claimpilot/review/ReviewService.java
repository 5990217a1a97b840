package io.claimpilot.review;

import io.claimpilot.automation.MoneyLimits;
import io.claimpilot.claim.ClaimCancelled;
import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.claim.ClaimService;
import io.claimpilot.claim.ClaimView;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.ApiProblem.FieldViolation;
import io.claimpilot.common.Money;
import io.claimpilot.common.Page;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.DecisionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The human queue: every claim the policy does not settle lands here until an agent resolves it. An agent takes a
 * claim before working it, so two agents never work the same one; a claim left untouched goes back to the queue.
 */
@ApplicationScoped
public class ReviewService {

    private static final EnumSet<DecisionAction> RESOLUTIONS = EnumSet.of(DecisionAction.REFUND, DecisionAction.RESHIP,
            DecisionAction.DENY, DecisionAction.REQUEST_EVIDENCE);
    private static final int MAX_NOTE = 4000;
    public static final String TIMEOUT_ACTOR = "system:review-timeout";
    /** How {@code PolicyVerdict.overruled} words a proposal the money-safety limits stopped. */
    private static final Pattern OVERRULED = Pattern.compile("the policy proposed (REFUND|RESHIP|DENY|REQUEST_EVIDENCE)(?: ([0-9.]+) [A-Z]{3})?");

    @Inject
    ClaimService claims;
    @Inject
    Clock clock;
    @Inject
    ReviewSettings settings;
    @Inject
    MoneyLimits limits;
    @Inject
    DecisionService decisions;
    @Inject
    EntityManager em;

    /** A refund waiting for a second agent. */
    public record PendingApproval(String claimId, DecisionAction action, Money amount, String proposedBy, String note,
                                  java.time.Instant proposedAt) {
    }

    /** Either the claim, resolved, or the refund waiting for a second agent. */
    public record Outcome(ClaimView claim, PendingApproval pending) {
    }

    /** Runs in the transaction that escalated the claim, so a claim is never in review without a task. */
    void onEscalated(@Observes ClaimEscalated event) {
        ReviewTask task = ReviewTask.findById(event.claimId());
        boolean isNew = task == null;
        if (isNew) {
            task = new ReviewTask();
            task.claimId = event.claimId();
        }
        ClaimView claim = claims.get(event.claimId(), null);
        task.reason = event.reason();
        task.claimReason = claim.reason().name();
        task.amount = claim.amount().amount();
        task.currency = claim.amount().currency();
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
        if (isNew) {
            task.persist();
        }
    }

    public record QueueEntry(String claimId, String reason, java.time.Instant createdAt, java.time.Instant slaDue,
                             String assignee, PendingApproval pendingApproval, ClaimView claim) {
    }

    @Transactional
    public Page<QueueEntry> queue(int page, int size) {
        Page.check(page, size);
        var query = ReviewTask.<ReviewTask>find("resolvedAt is null order by createdAt, claimId");
        long total = query.count();
        List<QueueEntry> entries = query.page(page, size).list().stream()
                .map(task -> {
                    ClaimView claim = claims.get(task.claimId, null);
                    return new QueueEntry(task.claimId, task.reason, task.createdAt, task.slaDue, task.assignee,
                            task.proposedAction == null ? null : pending(task, claim.amount().currency()), claim);
                })
                .toList();
        return new Page<>(entries, page, size, total);
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
    public java.util.Optional<QueueRow> openTaskOf(String claimId) {
        ReviewTask task = ReviewTask.findById(claimId);
        if (task == null || task.resolvedAt != null) {
            return java.util.Optional.empty();
        }
        Instant now = clock.instant();
        return java.util.Optional.of(new QueueRow(task.claimId, task.claimReason, Money.canonical(task.amount, task.currency),
                task.reason, task.createdAt, task.slaDue, Duration.between(now, task.slaDue), task.assignee, task.assignedAt,
                task.proposedAction == null ? null : pending(task, task.currency)));
    }

    /**
     * The agent takes the claim: from now on only they resolve it. Atomic under the task's row lock, so of two
     * agents taking it at once one gets it and the other a 409 naming who has it.
     */
    @Transactional
    public QueueRow take(String claimId, String agent) {
        ReviewTask task = openTask(claimId);
        Instant now = clock.instant();
        if (task.assignee != null && !task.assignee.equals(agent)) {
            throw ApiProblem.conflict("Claim " + claimId + " is being worked by " + task.assignee + " since " + task.assignedAt);
        }
        if (task.assignee == null) {
            task.assignee = agent;
            task.assignedAt = now;
            ReviewEvent.record(claimId, ReviewEvent.TAKEN, agent, null, now);
        }
        task.touchedAt = now;
        return openTaskOf(claimId).orElseThrow();
    }

    /** The assignee puts the claim back in the queue. */
    @Transactional
    public void release(String claimId, String agent) {
        ReviewTask task = openTask(claimId);
        if (task.assignee == null) {
            return;
        }
        if (!task.assignee.equals(agent)) {
            throw ApiProblem.conflict("Claim " + claimId + " is being worked by " + task.assignee + ", not by " + agent);
        }
        unassign(task, ReviewEvent.RELEASED, agent, "Put back in the queue");
    }

    /**
     * Puts back in the queue every taken claim nobody touched for the configured time. Rows are taken with SKIP
     * LOCKED, so replicas running this job side by side never release the same claim twice.
     */
    @Transactional
    public int releaseUntouched(int batchSize) {
        Instant cutoff = clock.instant().minus(settings.claimTimeout());
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select claim_id from review_task where resolved_at is null"
                        + " and assignee is not null and touched_at <= :cutoff order by touched_at limit :batch for update skip locked")
                .setParameter("cutoff", cutoff)
                .setParameter("batch", batchSize)
                .getResultList();
        for (String id : ids) {
            ReviewTask task = ReviewTask.findById(id);
            unassign(task, ReviewEvent.TIMED_OUT, TIMEOUT_ACTOR, "Untouched by " + task.assignee + " for " + settings.claimTimeout());
        }
        return ids.size();
    }

    private void unassign(ReviewTask task, String kind, String actor, String detail) {
        task.assignee = null;
        task.assignedAt = null;
        task.touchedAt = null;
        ReviewEvent.record(task.claimId, kind, actor, detail, clock.instant());
    }

    /**
     * An agent's resolution. A refund above the four-eyes amount is not applied: it waits for a second,
     * different agent's approval. The server enforces it, whatever the client does. A claim another agent took
     * cannot be resolved; an untaken one is taken by resolving it.
     */
    @Transactional
    public Outcome resolve(String claimId, String agent, Resolution resolution) {
        ReviewTask task = openTask(claimId);
        check(resolution);
        if (task.assignee != null && !task.assignee.equals(agent)) {
            throw ApiProblem.conflict("Claim " + claimId + " is being worked by " + task.assignee + " since " + task.assignedAt);
        }
        if (resolution.deadline() != null && !resolution.deadline().isAfter(clock.instant())) {
            throw ApiProblem.invalidField("deadline", "must be in the future");
        }
        task.touchedAt = clock.instant();
        String note = resolution.note().strip();
        if (resolution.action() == DecisionAction.REFUND && needsSecondAgent(resolution.amount())) {
            claims.checkAgentRefund(claimId, resolution.amount());
            task.proposedAction = resolution.action().name();
            task.proposedAmount = resolution.amount().amount();
            task.proposedBy = agent;
            task.proposedNote = note;
            task.proposedAt = clock.instant();
            ReviewEvent.record(claimId, ReviewEvent.REFUND_PROPOSED, agent, resolution.amount() + " waits for a second agent", task.proposedAt);
            return new Outcome(null, pending(task, resolution.amount().currency()));
        }
        if (resolution.action() == DecisionAction.REQUEST_EVIDENCE) {
            ClaimView claim = claims.requestEvidenceByAgent(claimId, resolution.deadline(), agent, note);
            finish(task, DecisionAction.REQUEST_EVIDENCE, null, agent, note, claim.amount().currency());
            return new Outcome(claim, null);
        }
        return new Outcome(close(task, resolution.action(), resolution.amount(), agent, note), null);
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

    /** The second agent's approval of a refund waiting for one. */
    @Transactional
    public ClaimView approve(String claimId, String approver) {
        ReviewTask task = openTask(claimId);
        if (task.proposedAction == null) {
            throw ApiProblem.conflict("Claim " + claimId + " has no refund waiting for approval");
        }
        if (task.proposedBy.equals(approver)) {
            throw new ApiProblem(403, "Forbidden", "A refund above the four-eyes amount needs a second agent: "
                    + approver + " proposed it and cannot approve it");
        }
        String currency = claims.get(claimId, null).amount().currency();
        return close(task, DecisionAction.valueOf(task.proposedAction), Money.canonical(task.proposedAmount, currency),
                task.proposedBy + ", approved by " + approver, task.proposedNote);
    }

    @Transactional
    public java.util.Optional<PendingApproval> pendingApproval(String claimId) {
        ReviewTask task = ReviewTask.findById(claimId);
        if (task == null || task.resolvedAt != null || task.proposedAction == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(pending(task, claims.get(claimId, null).amount().currency()));
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

    private ReviewTask openTask(String claimId) {
        ReviewTask task = ReviewTask.findById(claimId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw ApiProblem.notFound("Review of claim " + claimId);
        }
        if (task.resolvedAt != null) {
            throw ApiProblem.conflict("Claim " + claimId + " was already resolved by " + task.resolvedBy);
        }
        return task;
    }

    private ClaimView close(ReviewTask task, DecisionAction action, Money amount, String agent, String note) {
        ClaimView claim = claims.decideByAgent(task.claimId, action, amount, agent, note);
        finish(task, action, amount, agent, note, claim.amount().currency());
        return claim;
    }

    /** Closes the task and records the resolution beside the policy's proposal. */
    private void finish(ReviewTask task, DecisionAction action, Money amount, String resolvedBy, String note, String currency) {
        Instant now = clock.instant();
        task.resolvedAt = now;
        task.resolvedBy = resolvedBy;
        task.resolution = action.name();
        task.note = note;
        ReviewResolution row = new ReviewResolution();
        row.claimId = task.claimId;
        row.agentAction = action;
        row.agentAmount = amount == null ? null : amount.amount();
        row.currency = currency;
        Decision policyDecision = decisions.latestPolicyDecisionFor(task.claimId);
        if (policyDecision != null) {
            row.policyVersion = policyDecision.policyVersion;
            proposal(policyDecision, row);
        }
        row.override = row.policyAction != null && row.policyAction != DecisionAction.HUMAN_REVIEW
                && (row.policyAction != action || !sameAmount(row.policyAmount, row.agentAmount));
        row.note = note;
        row.resolvedBy = resolvedBy;
        row.resolvedAt = now;
        row.persist();
    }

    /**
     * What the policy proposed: its own action, or, when the money-safety limits overruled it to a person, the action
     * it had proposed (kept in the decision's first reason). A plain HUMAN_REVIEW proposes nothing to override.
     */
    private static void proposal(Decision decision, ReviewResolution row) {
        row.policyAction = decision.action;
        row.policyAmount = decision.amount;
        if (decision.action == DecisionAction.HUMAN_REVIEW && !decision.reasons.isEmpty()) {
            Matcher overruled = OVERRULED.matcher(decision.reasons.get(0));
            if (overruled.find()) {
                row.policyAction = DecisionAction.valueOf(overruled.group(1));
                row.policyAmount = overruled.group(2) == null ? null : new BigDecimal(overruled.group(2));
            }
        }
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private boolean needsSecondAgent(Money amount) {
        BigDecimal threshold = limits.fourEyesAbove().get(amount.currency());
        // A currency without a configured amount always takes two agents: the safe default.
        return threshold == null || amount.amount().compareTo(threshold) > 0;
    }

    private static PendingApproval pending(ReviewTask task, String currency) {
        return new PendingApproval(task.claimId, DecisionAction.valueOf(task.proposedAction),
                Money.canonical(task.proposedAmount, currency), task.proposedBy, task.proposedNote, task.proposedAt);
    }

    private static void check(Resolution resolution) {
        if (resolution == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (resolution.action() == null || !RESOLUTIONS.contains(resolution.action())) {
            violations.add(new FieldViolation("action", "must be one of REFUND, RESHIP, DENY, REQUEST_EVIDENCE"));
        }
        if (resolution.note() == null || resolution.note().isBlank()) {
            violations.add(new FieldViolation("note", "is required: say why, for the customer's file"));
        } else if (resolution.note().length() > MAX_NOTE) {
            violations.add(new FieldViolation("note", "is longer than " + MAX_NOTE + " characters"));
        }
        if (resolution.action() == DecisionAction.REFUND && resolution.amount() == null) {
            violations.add(new FieldViolation("amount", "is required for a refund"));
        }
        if (resolution.action() != DecisionAction.REFUND && resolution.amount() != null) {
            violations.add(new FieldViolation("amount", "is only for refunds"));
        }
        if (resolution.action() == DecisionAction.REQUEST_EVIDENCE && resolution.deadline() == null) {
            violations.add(new FieldViolation("deadline", "is required when asking for evidence"));
        }
        if (resolution.action() != DecisionAction.REQUEST_EVIDENCE && resolution.deadline() != null) {
            violations.add(new FieldViolation("deadline", "is only for evidence requests"));
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
    }
}

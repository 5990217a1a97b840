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
import io.claimpilot.decision.DecisionAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** The human queue: every claim the policy does not settle lands here, oldest first, until an agent resolves it. */
@ApplicationScoped
public class ReviewService {

    private static final EnumSet<DecisionAction> RESOLUTIONS = EnumSet.of(DecisionAction.REFUND, DecisionAction.RESHIP, DecisionAction.DENY);
    private static final int MAX_NOTE = 4000;

    @Inject
    ClaimService claims;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.review.sla")
    Duration sla;
    @Inject
    MoneyLimits limits;

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
        task.reason = event.reason();
        task.createdAt = clock.instant();
        task.slaDue = task.createdAt.plus(sla);
        task.resolvedAt = null;
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

    /**
     * An agent's resolution. A refund above the four-eyes amount is not applied: it waits for a second,
     * different agent's approval. The server enforces it, whatever the client does.
     */
    @Transactional
    public Outcome resolve(String claimId, String agent, Resolution resolution) {
        ReviewTask task = openTask(claimId);
        check(resolution);
        String note = resolution.note().strip();
        if (resolution.action() == DecisionAction.REFUND && needsSecondAgent(resolution.amount())) {
            claims.checkAgentRefund(claimId, resolution.amount());
            task.proposedAction = resolution.action().name();
            task.proposedAmount = resolution.amount().amount();
            task.proposedBy = agent;
            task.proposedNote = note;
            task.proposedAt = clock.instant();
            return new Outcome(null, pending(task, resolution.amount().currency()));
        }
        return new Outcome(close(task, resolution.action(), resolution.amount(), agent, note), null);
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
        task.resolvedAt = clock.instant();
        task.resolvedBy = agent;
        task.resolution = action.name();
        task.note = note;
        return claim;
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
            violations.add(new FieldViolation("action", "must be one of REFUND, RESHIP, DENY"));
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
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
    }
}

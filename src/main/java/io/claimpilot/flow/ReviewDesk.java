package io.claimpilot.flow;

import io.claimpilot.claim.Claim;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.ApiProblem.FieldViolation;
import io.claimpilot.common.Money;
import io.claimpilot.common.Page;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.DecisionService;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.limits.MoneySafety;
import io.claimpilot.review.RefundProposal;
import io.claimpilot.review.Resolution;
import io.claimpilot.review.ReviewEvent;
import io.claimpilot.review.ReviewQueue;
import io.claimpilot.review.ReviewQueue.PendingApproval;
import io.claimpilot.review.ReviewQueue.QueueRow;
import io.claimpilot.review.ReviewResolution;
import io.claimpilot.review.ReviewTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What agents do with a claim in the human queue. An agent takes a claim before working it, so two agents never work
 * the same one (a claim left untouched goes back to the queue: {@link ReviewTimeoutJob}). Resolving it decides the
 * claim through {@link AgentDecisions}; a refund above the four-eyes amount waits for a second agent.
 */
@ApplicationScoped
public class ReviewDesk {

    private static final EnumSet<DecisionAction> RESOLUTIONS = EnumSet.of(DecisionAction.REFUND, DecisionAction.RESHIP,
            DecisionAction.EXCHANGE, DecisionAction.DENY, DecisionAction.REQUEST_EVIDENCE);
    private static final int MAX_NOTE = 4000;

    @Inject
    AgentDecisions agentDecisions;
    @Inject
    ClaimQueries claims;
    @Inject
    ReviewQueue queue;
    @Inject
    MoneySafety moneySafety;
    @Inject
    DecisionService decisions;
    @Inject
    Clock clock;

    /** Either the claim, resolved, or the refund waiting for a second agent. */
    public record Outcome(ClaimView claim, PendingApproval pending) {
    }

    /** One open task of the API's queue, with the claim it is about. */
    public record QueueEntry(String claimId, String reason, Instant createdAt, Instant slaDue,
                             String assignee, PendingApproval pendingApproval, ClaimView claim) {
    }

    /** The open tasks, oldest first, each with its claim. */
    @Transactional
    public Page<QueueEntry> queue(int page, int size) {
        Page<ReviewTask> tasks = queue.openTasks(page, size);
        return new Page<>(tasks.items().stream()
                .map(task -> new QueueEntry(task.claimId, task.reason, task.createdAt, task.slaDue, task.assignee,
                        task.proposedAction == null ? null : ReviewQueue.pending(task, task.currency),
                        claims.get(task.claimId, null)))
                .toList(), page, size, tasks.total());
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
            ReviewEvent.record(claimId, ReviewEvent.Kind.TAKEN, agent, null, now);
        }
        task.touchedAt = now;
        return queue.openTaskOf(claimId).orElseThrow();
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
        unassign(task, ReviewEvent.Kind.RELEASED, agent, "Put back in the queue");
    }

    void unassign(ReviewTask task, ReviewEvent.Kind kind, String actor, String detail) {
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
        if (resolution.action() == DecisionAction.REFUND && moneySafety.needsSecondAgent(resolution.amount())) {
            agentDecisions.checkRefund(claimId, resolution.amount());
            // A new proposal, never an edit of the one waiting: an approval names the proposal it read.
            RefundProposal proposal = RefundProposal.make(claimId, resolution.action().name(), resolution.amount().amount(),
                    resolution.amount().currency(), agent, note, clock.instant());
            String replaced = task.proposalId;
            task.proposalId = proposal.id;
            task.proposedAction = proposal.action;
            task.proposedAmount = proposal.amount;
            task.proposedBy = agent;
            task.proposedNote = note;
            task.proposedAt = proposal.proposedAt;
            ReviewEvent.record(claimId, ReviewEvent.Kind.REFUND_PROPOSED, agent, resolution.amount() + " waits for a second agent ("
                    + proposal.id + (replaced == null ? "" : ", replaces " + replaced) + ")", task.proposedAt);
            return new Outcome(null, ReviewQueue.pending(task, resolution.amount().currency()));
        }
        if (resolution.action() == DecisionAction.REQUEST_EVIDENCE) {
            ClaimView claim = agentDecisions.requestEvidence(claimId, resolution.deadline(), agent, note);
            finish(task, DecisionAction.REQUEST_EVIDENCE, null, agent, note, claim.amount().currency());
            return new Outcome(claim, null);
        }
        return new Outcome(close(task, resolution.action(), resolution.amount(), agent, note), null);
    }

    /** What a second agent sends: the proposal they read, and an optional note of their own. */
    public record Approval(String proposalId, String note) {
    }

    /**
     * The second agent's approval of the refund proposal waiting. The approval names the proposal: one replaced since
     * (an older one, or one with another amount) gets 409, so nobody approves an amount they did not read. The
     * proposer gets 403, whether they come back by session or by key: both carry their user name.
     */
    @Transactional
    public ClaimView approve(String claimId, String approver, Approval approval) {
        String proposalId = approval == null || approval.proposalId() == null ? "" : approval.proposalId().strip();
        if (proposalId.isEmpty()) {
            throw ApiProblem.invalidField("proposalId", "is required: the proposal you approve, from the queue or the resolve answer");
        }
        String approvalNote = approval.note() == null || approval.note().isBlank() ? null : approval.note().strip();
        if (approvalNote != null && approvalNote.length() > MAX_NOTE) {
            throw ApiProblem.invalidField("note", "is longer than " + MAX_NOTE + " characters");
        }
        ReviewTask task = openTask(claimId);
        if (task.proposedAction == null || task.proposalId == null) {
            throw ApiProblem.conflict("Claim " + claimId + " has no refund waiting for approval");
        }
        RefundProposal proposal = RefundProposal.findById(proposalId);
        if (proposal == null || !proposal.claimId.equals(claimId)) {
            throw ApiProblem.invalidField("proposalId", "is not a refund proposal of claim " + claimId);
        }
        String currency = task.currency;
        Money waiting = Money.canonical(task.proposedAmount, currency);
        if (!proposal.id.equals(task.proposalId)) {
            throw ApiProblem.conflict("Proposal " + proposal.id + " (" + Money.canonical(proposal.amount, proposal.currency)
                    + ") is no longer the one waiting: " + task.proposalId + " (" + waiting + " by " + task.proposedBy
                    + ") replaced it. Read it before approving.");
        }
        if (proposal.amount.compareTo(task.proposedAmount) != 0 || !proposal.currency.equals(currency)
                || !proposal.action.equals(task.proposedAction)) {
            throw ApiProblem.conflict("Proposal " + proposal.id + " was made for " + Money.canonical(proposal.amount, proposal.currency)
                    + ", the claim now waits for " + waiting + ": nothing is approved.");
        }
        if (proposal.proposedBy.equals(approver) || task.proposedBy.equals(approver)) {
            throw new ApiProblem(403, "Forbidden", "A refund above the four-eyes amount needs a second agent: "
                    + approver + " proposed it and cannot approve it");
        }
        proposal.approvedBy = approver;
        proposal.approvedAt = clock.instant();
        proposal.approvalNote = approvalNote;
        return close(task, DecisionAction.valueOf(proposal.action), Money.canonical(proposal.amount, currency),
                proposal.proposedBy + ", approved by " + approver, proposal.note);
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
        ClaimView claim = agentDecisions.decide(task.claimId, action, amount, agent, note);
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
        // Counted on the claim too (in the UPDATE that moves it), so the indicators read one row per claim.
        Claim claim = Claim.findById(task.claimId);
        claim.resolutions++;
        if (row.override) {
            claim.overrides++;
        }
    }

    /** What the policy proposed, as stored on its decision (an overruled proposal included). */
    private static void proposal(Decision decision, ReviewResolution row) {
        PolicyVerdict.Overruled proposed = decision.policyProposal();
        row.policyAction = proposed.action();
        row.policyAmount = proposed.amount() == null ? null : proposed.amount().amount();
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static void check(Resolution resolution) {
        if (resolution == null) {
            throw ApiProblem.invalidField("body", "is required");
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (resolution.action() == null || !RESOLUTIONS.contains(resolution.action())) {
            violations.add(new FieldViolation("action", "must be one of REFUND, RESHIP, EXCHANGE, DENY, REQUEST_EVIDENCE"));
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

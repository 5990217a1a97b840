package io.claimpilot.review;

import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.claim.ClaimService;
import io.claimpilot.claim.ClaimView;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.ApiProblem.FieldViolation;
import io.claimpilot.common.Page;
import io.claimpilot.decision.DecisionAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
                             String assignee, ClaimView claim) {
    }

    @Transactional
    public Page<QueueEntry> queue(int page, int size) {
        Page.check(page, size);
        var query = ReviewTask.<ReviewTask>find("resolvedAt is null order by createdAt, claimId");
        long total = query.count();
        List<QueueEntry> entries = query.page(page, size).list().stream()
                .map(task -> new QueueEntry(task.claimId, task.reason, task.createdAt, task.slaDue, task.assignee,
                        claims.get(task.claimId, null)))
                .toList();
        return new Page<>(entries, page, size, total);
    }

    @Transactional
    public ClaimView resolve(String claimId, String agent, Resolution resolution) {
        ReviewTask task = ReviewTask.findById(claimId, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw ApiProblem.notFound("Review of claim " + claimId);
        }
        if (task.resolvedAt != null) {
            throw ApiProblem.conflict("Claim " + claimId + " was already resolved by " + task.resolvedBy);
        }
        check(resolution);
        ClaimView claim = claims.decideByAgent(claimId, resolution.action(), resolution.amount(), agent, resolution.note().strip());
        task.resolvedAt = clock.instant();
        task.resolvedBy = agent;
        task.resolution = resolution.action().name();
        task.note = resolution.note().strip();
        return claim;
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

package io.claimpilot.flow;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.claim.ClaimLifecycle;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.common.OverdueRowsJob;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.DecisionService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Sends claims whose photo never arrived before the deadline to a person. Safe with several instances running. */
@ApplicationScoped
public class EvidenceDeadlineJob extends OverdueRowsJob {

    public static final String ACTOR = Decision.EVIDENCE_DEADLINE;

    @Inject
    DecisionService decisions;
    @Inject
    ClaimLifecycle lifecycle;
    @Inject
    ActionPlan actions;
    @Inject
    Event<ClaimEscalated> escalated;
    @Inject
    Clock clock;

    @Scheduled(every = "${claimpilot.evidence.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    @Override
    @Transactional
    public int moveBatch(int batchSize) {
        List<String> ids = lockOverdue("claim", "id", "status = 'AWAITING_EVIDENCE' and evidence_deadline <= :now",
                "evidence_deadline", Map.of("now", clock.instant()), batchSize);
        for (String id : ids) {
            Claim claim = Claim.require(id);
            String reason = "No evidence arrived before the deadline " + claim.evidenceDeadline;
            Decision decision = decisions.recordDecision(claim.id, DecisionAction.HUMAN_REVIEW, null, ACTOR, List.of(reason), null);
            lifecycle.move(claim, ClaimStatus.IN_REVIEW, ACTOR, reason);
            actions.queue(claim, decision, null, false);
            escalated.fire(new ClaimEscalated(claim.id, reason));
        }
        return ids.size();
    }

    @Override
    protected String movedMessage() {
        return "Sent %d claim(s) past their evidence deadline to review";
    }
}

package io.claimpilot.flow;

import io.claimpilot.claim.AdvisoryLocks;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.claim.ClaimLifecycle;
import io.claimpilot.claim.ClaimRequestValidator;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.claim.OrderRecords;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.decision.ClaimDecided;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.DecisionService;
import io.claimpilot.stock.StockSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * What an agent decides on a claim in review, recorded and acted on exactly like a policy's decision. A refund is
 * checked against what the order has left to refund, under the order's lock, so concurrent resolutions never refund
 * more than was paid.
 */
@ApplicationScoped
public class AgentDecisions {

    @Inject
    OrderRecords orders;
    @Inject
    AdvisoryLocks locks;
    @Inject
    DecisionService decisions;
    @Inject
    ClaimLifecycle lifecycle;
    @Inject
    ClaimHistory history;
    @Inject
    ActionPlan actions;
    @Inject
    ClaimQueries queries;
    @Inject
    Event<ClaimDecided> decided;
    @Inject
    ShipmentStock shipmentStock;

    @Transactional
    public ClaimView decide(String claimId, DecisionAction action, Money amount, String agent, String note) {
        Claim claim = inReview(claimId);
        if (action == DecisionAction.REFUND) {
            checkRefund(claim, amount);
        }
        if (action == DecisionAction.EXCHANGE && claim.items.stream().noneMatch(item -> item.exchangeFor() != null)) {
            throw ApiProblem.invalidField("action", "EXCHANGE needs an item that asks for another variant (exchangeFor); "
                    + "this claim has none, so reship or refund it");
        }
        StockSource.Reservation stock = StockSource.Reservation.notTracked();
        if (action.shipsGoods()) {
            stock = shipmentStock.reserve(claim, action);
            if (stock.failed()) {
                throw ApiProblem.conflict(ShipmentStock.shortage(stock, action));
            }
        }
        Decision decision = decisions.recordDecision(claim.id, action, amount, agent, List.of("Resolved by " + agent + ": " + note), note);
        lifecycle.move(claim, action.claimStatus(), agent, note);
        actions.queue(claim, decision, amount, false, false, stock);
        decided.fire(new ClaimDecided(claim.id, decision.id, claim.reason, decision.action, decision.money(), agent, null,
                false, claim.createdAt, decision.decidedAt, null));
        return queries.view(claim);
    }

    /**
     * An agent asks the customer for evidence: the claim waits for it until the deadline, then the policy decides
     * again when it arrives (with the version that sent it to review), or a person does if it never comes.
     */
    @Transactional
    public ClaimView requestEvidence(String claimId, Instant deadline, String agent, String note) {
        Claim claim = inReview(claimId);
        Decision decision = decisions.recordDecision(claim.id, DecisionAction.REQUEST_EVIDENCE, null, agent,
                List.of("Resolved by " + agent + ": " + note), note);
        decision.deadline = deadline;
        decision.messageKey = "evidence-requested";
        claim.evidenceDeadline = deadline;
        lifecycle.move(claim, ClaimStatus.AWAITING_EVIDENCE, agent, note);
        // The customer is asked, with the deadline, exactly as when the policy asks.
        actions.queue(claim, decision, null, false);
        decided.fire(new ClaimDecided(claim.id, decision.id, claim.reason, decision.action, null, agent, null, false,
                claim.createdAt, decision.decidedAt, null));
        return queries.view(claim);
    }

    /** Checks an agent's refund before it waits for a second agent: right currency, and within what is left to refund. */
    @Transactional
    public void checkRefund(String claimId, Money amount) {
        checkRefund(Claim.require(claimId), amount);
    }

    private void checkRefund(Claim claim, Money amount) {
        ClaimRequestValidator.checkRefundAmount("amount", amount, claim.currency);
        OrderRecords.requirePaymentCurrency(orders.of(claim), amount.currency(), "amount.currency");
        Money left = history.leftToRefund(claim);
        if (amount.amount().compareTo(left.amount()) > 0) {
            throw ApiProblem.invalidField("amount.amount", "is more than the " + left.amount().toPlainString() + " "
                    + claim.currency + " left to refund on order " + claim.orderId);
        }
    }

    private Claim inReview(String claimId) {
        Claim claim = Claim.require(claimId);
        locks.lockOrder(claim.orderId);
        if (claim.status != ClaimStatus.IN_REVIEW) {
            throw ApiProblem.conflict("Claim " + claimId + " is " + claim.status + ", not IN_REVIEW");
        }
        return claim;
    }
}

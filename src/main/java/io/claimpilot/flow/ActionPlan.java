package io.claimpilot.flow;

import io.claimpilot.accounting.AccountingCodes;
import io.claimpilot.accounting.CreditNoteIssued;
import io.claimpilot.action.CustomerNotice;
import io.claimpilot.action.HelpdeskNote;
import io.claimpilot.action.MessageSituation;
import io.claimpilot.action.RefundOrder;
import io.claimpilot.action.RefundReferences;
import io.claimpilot.action.ReshipOrder;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.OrderRecords;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.outbox.Actions;
import io.claimpilot.outbox.Outbox;
import io.claimpilot.outbox.OutboxEntry;
import io.claimpilot.stock.StockSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * Stage 6 of the flow: turns a decision into typed actions in the outbox, in the decision's transaction. The
 * dispatcher executes them after the commit, each through its connector.
 */
@ApplicationScoped
public class ActionPlan {

    @Inject
    Outbox outbox;
    @Inject
    OrderRecords orders;
    @Inject
    Actions outboxActions;
    @Inject
    AccountingCodes accountingCodes;
    @Inject
    Clock clock;
    @Inject
    ShipmentStock shipmentStock;

    /**
     * Queues what a decision calls for: the refund or reshipment, the customer's message, and a helpdesk note for
     * every decision. A new decision replaces the claim's earlier refund or reshipment that did not run to the end:
     * it is superseded, so it can never run or be retried beside the new one.
     */
    void queue(Claim claim, Decision decision, Money refund, boolean automatic) {
        queue(claim, decision, refund, automatic, false);
    }

    /**
     * The same; a claim's first decision ({@code firstDecision}) has no earlier refund or reshipment to supersede or
     * to tell a new attempt from, so the outbox is not asked (two queries of every new claim).
     */
    void queue(Claim claim, Decision decision, Money refund, boolean automatic, boolean firstDecision) {
        queue(claim, decision, refund, automatic, firstDecision, StockSource.Reservation.notTracked());
    }

    /** The same, for a shipment whose stock was reserved ({@link ShipmentStock}): the outbox keeps what to give back. */
    void queue(Claim claim, Decision decision, Money refund, boolean automatic, boolean firstDecision,
               StockSource.Reservation stock) {
        if (!firstDecision) {
            supersede(claim, decision.decidedBy, "claim decided again (decision " + decision.id + ", " + decision.action + ")");
        }
        outbox.enqueue(claim.id, HelpdeskNote.ACTION, String.valueOf(decision.id), new HelpdeskNote(claim.id, decision.id));
        switch (decision.action) {
            case REQUEST_EVIDENCE -> notify(new CustomerNotice(claim.id, MessageSituation.PHOTO_REQUESTED,
                    decision.deadline, null, null, null, null));
            case HUMAN_REVIEW -> notifyCustomer(claim, MessageSituation.UNDER_REVIEW);
            case DENY -> notifyCustomer(claim, MessageSituation.DENIED);
            case REFUND -> refund(claim, decision, refund, automatic, firstDecision);
            case RESHIP -> reship(claim, decision, firstDecision, false, stock);
            case EXCHANGE -> {
                // No refund and no credit note: the replacement ships as a reshipment of the other variant.
                reship(claim, decision, firstDecision, true, stock);
                notifyCustomer(claim, MessageSituation.EXCHANGE_ON_ITS_WAY);
            }
        }
    }

    /**
     * The claim's refunds and reshipments that did not run to the end (pending, or failed) will never run: the claim
     * was decided again or withdrawn. 409 while one is still at the provider.
     */
    void supersede(Claim claim, String by, String why) {
        shipmentStock.release(outboxActions.supersede(claim.id, ClaimSettlement.CLAIM_ACTIONS, by, why));
    }

    /** One message per situation and claim: the situation is the key's qualifier. */
    void notifyCustomer(Claim claim, MessageSituation situation) {
        notify(CustomerNotice.of(claim.id, situation));
    }

    void notify(CustomerNotice notice) {
        outbox.enqueue(notice.claimId(), CustomerNotice.ACTION, notice.situation().name(), notice);
    }

    private void refund(Claim claim, Decision decision, Money amount, boolean automatic, boolean firstDecision) {
        claim.refundAmount = amount.amount();
        claim.refundAutomatic = automatic;
        claim.refundApprovedAt = clock.instant();
        outbox.enqueue(claim.id, RefundOrder.ACTION, againQualifier(claim, RefundOrder.ACTION, decision, firstDecision),
                // The payment first recorded for the order, never one a later claim named (OrderRecords).
                new RefundOrder(claim.id, claim.caller, claim.orderId, orders.of(claim).paymentReference, amount,
                        accountingCodes.of(claim.reason).reasonCode()));
    }

    private void reship(Claim claim, Decision decision, boolean firstDecision, boolean exchange, StockSource.Reservation stock) {
        outbox.enqueue(claim.id, ReshipOrder.ACTION, againQualifier(claim, ReshipOrder.ACTION, decision, firstDecision),
                new ReshipOrder(claim.id, claim.caller, claim.orderId, claim.currency, claim.items.stream()
                        .map(item -> new ReshipOrder.Item(exchange ? item.shippedSku() : item.sku(), item.quantity(),
                                item.unitPrice())).toList(),
                        exchange, stock.reserved() ? ShipmentStock.units(claim, decision.action) : java.util.Map.of()));
    }

    /** A claim back from review after a failed refund or reshipment gets a new key: a new attempt, not a replay. */
    private String againQualifier(Claim claim, String action, Decision decision, boolean firstDecision) {
        return !firstDecision && outbox.hasAction(claim.id, action) ? "d" + decision.id : null;
    }

    /** A confirmed refund's credit note number goes onto the provider's refund, queued with the note itself. */
    void onCreditNoteIssued(@Observes CreditNoteIssued note) {
        if (note.providerReference() == null || !RefundReferences.PROVIDERS.contains(note.paymentProvider())) {
            return;
        }
        Claim claim = Claim.findById(note.claimId());
        outbox.enqueue(note.claimId(), RefundReferences.ACTION, note.number(), new RefundReferences(note.claimId(),
                claim.caller, note.providerReference(), note.number(), note.reasonCode()));
    }

    /** The refund an action carried out, as queued. */
    static Money refunded(OutboxEntry entry) {
        return entry.payloadAs(RefundOrder.class).amount();
    }
}

package io.claimpilot.flow;

import io.claimpilot.accounting.CreditNotes;
import io.claimpilot.action.CustomerNotice;
import io.claimpilot.action.MessageSituation;
import io.claimpilot.action.RefundOrder;
import io.claimpilot.action.ReshipOrder;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.claim.ClaimLifecycle;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.outbox.ActionEvent;
import io.claimpilot.outbox.Actions;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stage 7 of the flow: a claim moves as its refund or reshipment runs. EXECUTING when the dispatcher takes it,
 * COMPLETED when it succeeded, FAILED when it failed, and on to a person when the provider's answer needs one. Other
 * actions (messages, helpdesk notes) never hold a claim back. Observes the outbox's {@link ActionEvent}s in the
 * outbox's transaction, under a row lock on the claim; and settles actions from the providers' later reports.
 */
@ApplicationScoped
public class ClaimSettlement {

    private static final Logger LOG = Logger.getLogger(ClaimSettlement.class);
    static final String ACTOR = "dispatcher";
    static final Set<String> CLAIM_ACTIONS = Set.of(RefundOrder.ACTION, ReshipOrder.ACTION);
    /** Approved and not yet taken by the dispatcher; an exchange runs as a reshipment of the replacement. */
    private static final Set<ClaimStatus> APPROVED = java.util.EnumSet.of(ClaimStatus.REFUND_APPROVED,
            ClaimStatus.RESHIP_APPROVED, ClaimStatus.EXCHANGE_APPROVED);

    @Inject
    ClaimLifecycle lifecycle;
    @Inject
    ActionPlan actions;
    @Inject
    Actions outboxActions;
    @Inject
    Event<ClaimEscalated> escalated;
    @Inject
    CreditNotes creditNotes;
    @Inject
    Clock clock;

    void onActionEvent(@Observes ActionEvent event) {
        OutboxEntry entry = event.entry();
        if (!CLAIM_ACTIONS.contains(entry.action)) {
            return;
        }
        switch (event.stage()) {
            case STARTED -> started(entry);
            case SUCCEEDED -> succeeded(entry);
            case FAILED -> failed(entry, event.detail());
            case NEEDS_REVIEW -> needsReview(entry, event.detail());
            case RETRIED -> retried(entry, event.actor());
        }
    }

    private void started(OutboxEntry entry) {
        Claim claim = lock(entry.claimId);
        if (APPROVED.contains(claim.status)) {
            lifecycle.move(claim, ClaimStatus.EXECUTING, ACTOR, entry.action + " started (" + entry.idempotencyKey + ")");
        }
    }

    private void succeeded(OutboxEntry entry) {
        if (entry.action.equals(RefundOrder.ACTION)) {
            // Money went back: the credit note is numbered in this same transaction, or not at all.
            creditNotes.issueFor(entry);
            actions.notify(new CustomerNotice(entry.claimId, MessageSituation.REFUND_ISSUED, null,
                    entry.payloadAs(RefundOrder.class).amount(), null, null, null));
        }
        Claim claim = lock(entry.claimId);
        if (isLatest(entry) && executing(claim, entry)) {
            lifecycle.move(claim, ClaimStatus.COMPLETED, ACTOR, entry.action + " done"
                    + (entry.providerReference == null ? "" : " (" + entry.providerReference + ")"));
        }
    }

    private void failed(OutboxEntry entry, String reason) {
        Claim claim = lock(entry.claimId);
        if (isLatest(entry) && executing(claim, entry)) {
            lifecycle.move(claim, ClaimStatus.FAILED, ACTOR, entry.action + " failed: " + reason);
        }
    }

    /** The provider's answer will not improve by retrying (Stripe's charge_already_refunded): a person decides. */
    private void needsReview(OutboxEntry entry, String reason) {
        failed(entry, reason);
        Claim claim = lock(entry.claimId);
        if (claim.status == ClaimStatus.FAILED) {
            String why = entry.action + " needs a person: " + reason;
            lifecycle.move(claim, ClaimStatus.IN_REVIEW, ACTOR, why);
            escalated.fire(new ClaimEscalated(claim.id, why));
            actions.notifyCustomer(claim, MessageSituation.UNDER_REVIEW);
        }
    }

    /** An admin tries a failed action again: the claim runs again too. */
    private void retried(OutboxEntry entry, String admin) {
        Claim claim = lock(entry.claimId);
        if (claim.status == ClaimStatus.FAILED) {
            lifecycle.move(claim, ClaimStatus.EXECUTING, admin, "Retry of " + entry.action + " (" + entry.idempotencyKey + ")");
        } else if (claim.status != ClaimStatus.EXECUTING) {
            throw ApiProblem.conflict("Claim " + claim.id + " is " + claim.status
                    + ": its failed action cannot be retried from here");
        }
    }

    /** The payment provider reported the end of a refund that was still pending when we asked for it. */
    @Transactional
    public void refundReported(String provider, String providerRefundId, String claimId, String status, String failureReason) {
        OutboxEntry entry = (providerRefundId == null ? java.util.Optional.<OutboxEntry>empty()
                : outboxActions.lockByProviderReference(RefundOrder.ACTION, providerRefundId))
                // Not recorded yet (the webhook beat our own record of the call): the claim's latest refund.
                .or(() -> claimId == null ? java.util.Optional.empty() : outboxActions.lockLatest(claimId, RefundOrder.ACTION))
                .orElse(null);
        if (entry == null) {
            LOG.warnf("A %s refund report (%s, %s) matches no refund action", provider, providerRefundId, status);
            return;
        }
        if (entry.providerReference == null) {
            entry.providerReference = providerRefundId;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refundStatus", status);
        switch (status == null ? "" : status) {
            case "succeeded" -> outboxActions.settle(entry, true, null, details);
            case "failed", "canceled" -> outboxActions.settle(entry, false, provider + " reported the refund "
                    + status + (failureReason == null ? "" : ": " + failureReason), details);
            default -> LOG.infof("Refund %s of claim %s is still %s", providerRefundId, entry.claimId, status);
        }
    }

    /**
     * The warehouse shipped a reshipment or an exchange (both are RESHIP actions): record the tracking number and tell
     * the customer, with the exchange's own message, naming the replacement, when it was one.
     */
    @Transactional
    public void reshipmentShipped(String orderKey, String trackingNumber, String carrier, Instant shippedAt) {
        OutboxEntry entry = outboxActions.lockByIdempotencyKey(ReshipOrder.ACTION, orderKey).orElse(null);
        if (entry == null) {
            LOG.warnf("A shipment for order key %s matches no reshipment action", orderKey);
            return;
        }
        Map<String, Object> result = entry.result == null ? new HashMap<>() : new HashMap<>(entry.result);
        result.put("trackingNumber", trackingNumber);
        if (carrier != null) {
            result.put("carrier", carrier);
        }
        result.put("shippedAt", String.valueOf(shippedAt == null ? clock.instant() : shippedAt));
        entry.result = result;
        entry.updatedAt = clock.instant();
        // Shipped proves the order exists: an action still waiting for its own outcome is settled now.
        outboxActions.settle(entry, true, null, null);
        ReshipOrder order = entry.payloadAs(ReshipOrder.class);
        actions.notify(order.exchange()
                ? new CustomerNotice(entry.claimId, MessageSituation.EXCHANGE_SHIPPED, null, null, trackingNumber, carrier,
                        order.itemsInWords())
                : new CustomerNotice(entry.claimId, MessageSituation.RESHIPMENT_SHIPPED, null, null, trackingNumber, carrier, null));
    }

    /** The claim's refund or reshipment that counts is its latest one; earlier ones were settled by a person. */
    private static boolean isLatest(OutboxEntry entry) {
        return OutboxEntry.count("claimId = ?1 and action in ?2 and id > ?3", entry.claimId, CLAIM_ACTIONS, entry.id) == 0;
    }

    /** A claim taken before it was marked EXECUTING (a webhook faster than the dispatcher) is marked now. */
    private boolean executing(Claim claim, OutboxEntry entry) {
        if (APPROVED.contains(claim.status)) {
            lifecycle.move(claim, ClaimStatus.EXECUTING, ACTOR, entry.action + " started (" + entry.idempotencyKey + ")");
        }
        return claim.status == ClaimStatus.EXECUTING;
    }

    private static Claim lock(String claimId) {
        return Claim.findById(claimId, LockModeType.PESSIMISTIC_WRITE);
    }
}

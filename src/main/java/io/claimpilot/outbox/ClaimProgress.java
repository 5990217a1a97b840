package io.claimpilot.outbox;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.claim.ClaimLifecycle;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.common.Money;
import io.claimpilot.message.MessageSituation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Moves a claim as its refund or reshipment runs: EXECUTING when the dispatcher takes it, COMPLETED when it
 * succeeded, FAILED when it failed, and on to a person when the provider's answer needs one. Other actions (messages,
 * helpdesk notes) never hold a claim back. Runs in the caller's transaction, under a row lock on the claim.
 */
@ApplicationScoped
class ClaimProgress {

    static final String ACTOR = "dispatcher";
    static final Set<String> CLAIM_ACTIONS = Set.of(Outbox.REFUND, Outbox.RESHIP);

    @Inject
    ClaimLifecycle lifecycle;
    @Inject
    Outbox outbox;
    @Inject
    Event<ClaimEscalated> escalated;

    void started(OutboxEntry entry) {
        if (!CLAIM_ACTIONS.contains(entry.action)) {
            return;
        }
        Claim claim = lock(entry.claimId);
        if (claim.status == ClaimStatus.REFUND_APPROVED || claim.status == ClaimStatus.RESHIP_APPROVED) {
            lifecycle.move(claim, ClaimStatus.EXECUTING, ACTOR, entry.action + " started (" + entry.idempotencyKey + ")");
        }
    }

    void succeeded(OutboxEntry entry) {
        if (!CLAIM_ACTIONS.contains(entry.action)) {
            return;
        }
        if (entry.action.equals(Outbox.REFUND)) {
            outbox.notifyCustomer(entry.claimId, MessageSituation.REFUND_ISSUED, refundedAmount(entry));
        }
        Claim claim = lock(entry.claimId);
        if (isLatest(entry) && executing(claim, entry)) {
            lifecycle.move(claim, ClaimStatus.COMPLETED, ACTOR, entry.action + " done"
                    + (entry.providerReference == null ? "" : " (" + entry.providerReference + ")"));
        }
    }

    void failed(OutboxEntry entry, String reason) {
        if (!CLAIM_ACTIONS.contains(entry.action)) {
            return;
        }
        Claim claim = lock(entry.claimId);
        if (isLatest(entry) && executing(claim, entry)) {
            lifecycle.move(claim, ClaimStatus.FAILED, ACTOR, entry.action + " failed: " + reason);
        }
    }

    /** The provider's answer will not improve by retrying (Stripe's charge_already_refunded): a person decides. */
    void needsReview(OutboxEntry entry, String reason) {
        failed(entry, reason);
        Claim claim = lock(entry.claimId);
        if (CLAIM_ACTIONS.contains(entry.action) && claim.status == ClaimStatus.FAILED) {
            String why = entry.action + " needs a person: " + reason;
            lifecycle.move(claim, ClaimStatus.IN_REVIEW, ACTOR, why);
            escalated.fire(new ClaimEscalated(claim.id, why));
            outbox.notifyCustomer(claim.id, MessageSituation.UNDER_REVIEW, Map.of());
        }
    }

    /** An admin tries a failed action again: the claim runs again too. */
    void retried(OutboxEntry entry, String admin) {
        if (!CLAIM_ACTIONS.contains(entry.action)) {
            return;
        }
        Claim claim = lock(entry.claimId);
        if (claim.status == ClaimStatus.FAILED) {
            lifecycle.move(claim, ClaimStatus.EXECUTING, admin, "Retry of " + entry.action + " (" + entry.idempotencyKey + ")");
        } else if (claim.status != ClaimStatus.EXECUTING) {
            throw io.claimpilot.common.ApiProblem.conflict("Claim " + claim.id + " is " + claim.status
                    + ": its failed action cannot be retried from here");
        }
    }

    /** The claim's refund or reshipment that counts is its latest one; earlier ones were settled by a person. */
    private static boolean isLatest(OutboxEntry entry) {
        return OutboxEntry.count("claimId = ?1 and action in ?2 and id > ?3", entry.claimId, CLAIM_ACTIONS, entry.id) == 0;
    }

    /** A claim taken before it was marked EXECUTING (a webhook faster than the dispatcher) is marked now. */
    private boolean executing(Claim claim, OutboxEntry entry) {
        if (claim.status == ClaimStatus.REFUND_APPROVED || claim.status == ClaimStatus.RESHIP_APPROVED) {
            lifecycle.move(claim, ClaimStatus.EXECUTING, ACTOR, entry.action + " started (" + entry.idempotencyKey + ")");
        }
        return claim.status == ClaimStatus.EXECUTING;
    }

    private static Claim lock(String claimId) {
        return Claim.findById(claimId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Map<String, Object> refundedAmount(OutboxEntry entry) {
        Object amount = entry.payload.get("amount");
        Object currency = entry.payload.get("currency");
        if (amount == null || currency == null) {
            return Map.of();
        }
        String canonical = Money.scaled(new BigDecimal(amount.toString()), currency.toString()).toPlainString();
        return Map.of("amount", canonical, "currency", currency);
    }
}

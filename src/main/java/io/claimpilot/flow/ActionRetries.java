package io.claimpilot.flow;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.outbox.Actions;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * An admin sends a failed action round again. A claim's refund or reshipment is retried only if it is the claim's
 * current one (not superseded by a later decision or a withdrawal) and the claim is FAILED on it: retrying a refund an
 * agent already replaced would pay twice. Messages and helpdesk notes hold no claim back, and are retried whenever
 * they failed.
 */
@ApplicationScoped
public class ActionRetries {

    @Inject
    Actions actions;

    @Transactional
    public Actions.ActionView retry(long actionId, String admin) {
        // The action's row first, then the claim's: the order the outbox's own moves lock them in.
        OutboxEntry entry = actions.lock(actionId);
        if (ClaimSettlement.CLAIM_ACTIONS.contains(entry.action)) {
            checkCurrent(entry);
        }
        return actions.retry(entry, admin);
    }

    private void checkCurrent(OutboxEntry entry) {
        Claim claim = Claim.findById(entry.claimId, LockModeType.PESSIMISTIC_WRITE);
        OutboxEntry current = actions.current(entry.claimId, ClaimSettlement.CLAIM_ACTIONS).orElse(null);
        String action = "Action " + entry.id + " (" + entry.action + ", " + entry.status + ")";
        if (current == null) {
            throw ApiProblem.conflict(action + " is not the current action of claim " + entry.claimId + ", which is "
                    + claim.status + " with no refund or reshipment left to retry");
        }
        if (!current.id.equals(entry.id)) {
            throw ApiProblem.conflict(action + " is not the current action of claim " + entry.claimId + " (" + claim.status
                    + "): the current action is " + describe(current));
        }
        if (claim.status != ClaimStatus.FAILED) {
            throw ApiProblem.conflict("Claim " + claim.id + " is " + claim.status + ", not FAILED: its current action, "
                    + describe(current) + ", cannot be retried");
        }
    }

    private static String describe(OutboxEntry entry) {
        return "action " + entry.id + " (" + entry.action + ", " + entry.status + ")";
    }
}

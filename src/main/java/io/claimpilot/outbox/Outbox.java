package io.claimpilot.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.claimpilot.message.MessageSituation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues actions in the caller's transaction. The idempotency key is derived from the claim, the action and an
 * optional qualifier ({@code claimId:ACTION[:QUALIFIER]}), and is unique in the table, so one claim can never queue
 * the same refund, reshipment or message twice. The key is what the connectors send to the providers.
 */
@ApplicationScoped
public class Outbox {

    public static final String REFUND = "REFUND";
    public static final String RESHIP = "RESHIP";
    public static final String NOTIFY_CUSTOMER = "NOTIFY_CUSTOMER";
    public static final String HELPDESK_NOTE = "HELPDESK_NOTE";

    @Inject
    Clock clock;

    public OutboxEntry enqueue(String claimId, String action, Map<String, Object> payload) {
        return enqueue(claimId, action, null, payload);
    }

    /** Queues the action unless one with the same key exists; returns the queued (or earlier) entry. */
    public OutboxEntry enqueue(String claimId, String action, String qualifier, Map<String, Object> payload) {
        String key = idempotencyKey(claimId, action, qualifier);
        OutboxEntry existing = OutboxEntry.find("idempotencyKey", key).firstResult();
        if (existing != null) {
            return existing;
        }
        OutboxEntry entry = new OutboxEntry();
        entry.claimId = claimId;
        entry.action = action;
        entry.idempotencyKey = key;
        entry.payload = payload;
        entry.status = OutboxEntry.PENDING;
        entry.createdAt = clock.instant();
        entry.nextAttemptAt = entry.createdAt;
        entry.updatedAt = entry.createdAt;
        entry.persist();
        return entry;
    }

    /**
     * Queues a message to the customer: {@code {"situation": ..., plus optional "trackingNumber", "carrier",
     * "deadline", "amount", "currency"}}. One message per situation and claim.
     */
    public OutboxEntry notifyCustomer(String claimId, MessageSituation situation, Map<String, Object> details) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("situation", situation.name());
        payload.putAll(details);
        return enqueue(claimId, NOTIFY_CUSTOMER, situation.name(), payload);
    }

    /** Queues the decision's explanation as an internal helpdesk note: one per decision. */
    public OutboxEntry helpdeskNote(String claimId, long decisionId) {
        return enqueue(claimId, HELPDESK_NOTE, String.valueOf(decisionId), Map.of("decisionId", decisionId));
    }

    public List<OutboxEntry> forClaim(String claimId) {
        return OutboxEntry.forClaim(claimId);
    }

    /** Whether the claim already queued this action once (under any qualifier). */
    public boolean hasAction(String claimId, String action) {
        return OutboxEntry.count("claimId = ?1 and action = ?2", claimId, action) > 0;
    }

    public static String idempotencyKey(String claimId, String action) {
        return idempotencyKey(claimId, action, null);
    }

    public static String idempotencyKey(String claimId, String action, String qualifier) {
        return qualifier == null ? claimId + ":" + action : claimId + ":" + action + ":" + qualifier;
    }
}

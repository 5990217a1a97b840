package io.claimpilot.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Queues actions in the caller's transaction. The idempotency key is derived from the claim and the action,
 * and is unique in the table, so one claim can never queue the same refund or reshipment twice.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    Clock clock;

    public OutboxEntry enqueue(String claimId, String action, Map<String, Object> payload) {
        String key = idempotencyKey(claimId, action);
        OutboxEntry existing = OutboxEntry.find("idempotencyKey", key).firstResult();
        if (existing != null) {
            return existing;
        }
        OutboxEntry entry = new OutboxEntry();
        entry.claimId = claimId;
        entry.action = action;
        entry.idempotencyKey = key;
        entry.payload = payload;
        entry.status = "PENDING";
        entry.createdAt = clock.instant();
        entry.persist();
        return entry;
    }

    public List<OutboxEntry> forClaim(String claimId) {
        return OutboxEntry.forClaim(claimId);
    }

    public static String idempotencyKey(String claimId, String action) {
        return claimId + ":" + action;
    }
}

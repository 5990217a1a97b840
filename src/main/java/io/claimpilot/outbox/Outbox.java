package io.claimpilot.outbox;

import io.claimpilot.db.JsonColumnMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;

/**
 * Queues typed actions in the caller's transaction. The idempotency key is derived from the subject (the claim), the
 * action and an optional qualifier ({@code claimId:ACTION[:QUALIFIER]}), and is unique in the table, so one claim can
 * never queue the same refund, reshipment or message twice. The key is what the connectors send to the providers.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    Clock clock;

    /**
     * Queues the action unless one with the same key exists; returns the queued (or earlier) entry.
     *
     * @param payload a record, stored as JSON and read back as the same record by the action's executor
     */
    public OutboxEntry enqueue(String claimId, String action, String qualifier, Record payload) {
        String key = idempotencyKey(claimId, action, qualifier);
        OutboxEntry existing = OutboxEntry.find("idempotencyKey", key).firstResult();
        if (existing != null) {
            return existing;
        }
        OutboxEntry entry = new OutboxEntry();
        entry.claimId = claimId;
        entry.action = action;
        entry.idempotencyKey = key;
        entry.payload = JsonColumnMapper.MAPPER.valueToTree(payload);
        entry.status = OutboxStatus.PENDING;
        entry.createdAt = clock.instant();
        entry.nextAttemptAt = entry.createdAt;
        entry.updatedAt = entry.createdAt;
        entry.persist();
        return entry;
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

package io.claimpilot.outbox;

import io.claimpilot.db.JsonColumnMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import java.time.Clock;
import java.time.Instant;
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
    @Inject
    EntityManager em;

    /**
     * Queues the action unless one with the same key exists; returns the id of the queued (or earlier) entry. One
     * statement when the key is new, which it nearly always is: the unique key decides, rather than a read before the
     * insert.
     *
     * @param payload a record, stored as JSON and read back as the same record by the action's executor
     */
    public long enqueue(String claimId, String action, String qualifier, Record payload) {
        String key = idempotencyKey(claimId, action, qualifier);
        Instant now = clock.instant();
        List<?> inserted = em.createNativeQuery("""
                        insert into outbox (claim_id, action, idempotency_key, payload, status, attempts, created_at,
                                            next_attempt_at, updated_at)
                        values (:claim, :action, :key, cast(:payload as jsonb), :pending, 0, :now, :now, :now)
                        on conflict (idempotency_key) do nothing
                        returning id""")
                // Flushes only pending outbox rows first, not the whole session: a native statement otherwise writes
                // every changed entity (the claim, again and again during a decision) before it runs. The claim's row
                // is already there: ClaimLifecycle.receive writes it with its first audit row, before any action.
                .unwrap(NativeQuery.class).addSynchronizedEntityClass(OutboxEntry.class)
                .setParameter("claim", claimId)
                .setParameter("action", action)
                .setParameter("key", key)
                .setParameter("payload", JsonColumnMapper.MAPPER.valueToTree(payload).toString())
                .setParameter("pending", OutboxStatus.PENDING.name())
                .setParameter("now", now)
                .getResultList();
        if (!inserted.isEmpty()) {
            return ((Number) inserted.get(0)).longValue();
        }
        return ((Number) em.createNativeQuery("select id from outbox where idempotency_key = :key")
                .setParameter("key", key).getSingleResult()).longValue();
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

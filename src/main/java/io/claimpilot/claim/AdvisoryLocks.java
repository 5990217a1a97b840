package io.claimpilot.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * PostgreSQL transaction-scoped advisory locks. They serialise work on one key across every replica
 * and are released at commit or rollback, so nothing can leak a lock.
 */
@ApplicationScoped
public class AdvisoryLocks {

    @Inject
    EntityManager em;

    /** One submission per caller and externalId at a time: the second one then finds the first one's claim. */
    public void lockExternalId(String caller, String externalId) {
        lock("claim:" + caller.length() + ":" + caller + externalId);
    }

    /** One refund decision per order at a time, so approved refunds never add up past what was paid. */
    public void lockOrder(String orderId) {
        lock("order:" + orderId);
    }

    private void lock(String key) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .setParameter("key", key)
                .getSingleResult();
    }
}

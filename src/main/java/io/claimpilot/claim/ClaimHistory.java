package io.claimpilot.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;

/** Questions about past claims that facts need: a customer's history and what an order has already refunded. */
@ApplicationScoped
public class ClaimHistory {

    @Inject
    EntityManager em;

    public int claimsByCustomerSince(String customerId, Instant since) {
        return ((Number) em.createQuery("select count(c) from Claim c where c.customerId = :customer and c.createdAt >= :since")
                .setParameter("customer", customerId)
                .setParameter("since", since)
                .getSingleResult()).intValue();
    }

    public BigDecimal refundedToCustomerSince(String customerId, String currency, Instant since) {
        return orZero(em.createQuery("select sum(c.refundAmount) from Claim c where c.customerId = :customer"
                        + " and c.currency = :currency and c.createdAt >= :since", BigDecimal.class)
                .setParameter("customer", customerId)
                .setParameter("currency", currency)
                .setParameter("since", since)
                .getSingleResult());
    }

    /** Refunds approved on an order by other claims: what the order's total paid has already given back. */
    public BigDecimal refundedOnOrder(String orderId, String excludingClaimId) {
        return orZero(em.createQuery("select sum(c.refundAmount) from Claim c where c.orderId = :order and c.id <> :claim",
                        BigDecimal.class)
                .setParameter("order", orderId)
                .setParameter("claim", excludingClaimId)
                .getSingleResult());
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}

package io.claimpilot.claim;

import io.claimpilot.common.Money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Questions about past claims that facts and limits need: a customer's history (by account, e-mail and address),
 * what an order has already refunded, and what the automation refunded today.
 */
@ApplicationScoped
public class ClaimHistory {

    /** Who a history question is about. The column names are fixed here, never taken from input. */
    public enum By {
        CUSTOMER("customerId"), EMAIL("customerEmail"), ADDRESS("addressKey");

        private final String field;

        By(String field) {
            this.field = field;
        }
    }

    /** Statuses in which a refund or reshipment is approved or done. */
    public static final Set<ClaimStatus> ACTED_ON = EnumSet.of(ClaimStatus.REFUND_APPROVED, ClaimStatus.RESHIP_APPROVED,
            ClaimStatus.EXCHANGE_APPROVED, ClaimStatus.EXECUTING, ClaimStatus.COMPLETED);

    @Inject
    EntityManager em;
    @Inject
    ExternalRefunds externalRefunds;
    @Inject
    OrderRecords orders;

    public int claimsSince(By by, String value, Instant since) {
        if (value == null) {
            return 0;
        }
        return ((Number) em.createQuery("select count(c) from Claim c where c." + by.field + " = :value and c.createdAt >= :since")
                .setParameter("value", value)
                .setParameter("since", since)
                .getSingleResult()).intValue();
    }

    /** Refunds approved since a time to a customer, e-mail or address, in one currency. */
    public BigDecimal refundedSince(By by, String value, String currency, Instant since) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        return orZero(em.createQuery("select sum(c.refundAmount) from Claim c where c." + by.field + " = :value"
                        + " and c.currency = :currency and c.refundApprovedAt >= :since", BigDecimal.class)
                .setParameter("value", value)
                .setParameter("currency", currency)
                .setParameter("since", since)
                .getSingleResult());
    }

    /**
     * What is left to refund on the claim's order: what it paid as first recorded ({@link OrderRecords}, never what
     * this claim says), less every refund on it (other claims' and those made outside ClaimPilot), never below zero.
     * The one place this money rule is computed: the facts, the money-safety limits, agents' resolutions and the
     * console all ask here. Exact only under the order's lock.
     */
    public Money leftToRefund(Claim claim) {
        return leftToRefund(claim, refundedOnOrder(claim.orderId, claim.id));
    }

    /**
     * The same, from what the order has already given back ({@link #refundedOnOrder}) when the caller fetched it
     * along with other facts in one query (facts/HistoryFacts).
     */
    public Money leftToRefund(Claim claim, BigDecimal refundedOnOrder) {
        OrderRecord order = orders.of(claim);
        if (!order.currency.equals(claim.currency)) {
            // Nothing is ever refunded in another currency than the payment's (a claim from before the order was corrected).
            return Money.canonical(BigDecimal.ZERO, claim.currency);
        }
        BigDecimal left = order.totalPaid.subtract(refundedOnOrder).max(BigDecimal.ZERO);
        return Money.canonical(left, claim.currency);
    }

    /**
     * What the order's total paid has already given back: refunds approved on it by other claims, plus refunds made
     * outside ClaimPilot (e.g. in the Shopify admin). A reported refund that ClaimPilot made itself is linked to its claim
     * and not counted twice ({@link ExternalRefunds}).
     */
    public BigDecimal refundedOnOrder(String orderId, String excludingClaimId) {
        BigDecimal byClaims = orZero(em.createQuery("select sum(c.refundAmount) from Claim c where c.orderId = :order and c.id <> :claim",
                        BigDecimal.class)
                .setParameter("order", orderId)
                .setParameter("claim", excludingClaimId)
                .getSingleResult());
        return byClaims.add(externalRefunds.refundedOutsideClaims(orderId));
    }

    /** Automatic refunds approved since a time, in one currency: what the daily budget has used. */
    public BigDecimal automaticRefundsSince(String currency, Instant since) {
        return orZero(em.createQuery("select sum(c.refundAmount) from Claim c where c.refundAutomatic = true"
                        + " and c.currency = :currency and c.refundApprovedAt >= :since", BigDecimal.class)
                .setParameter("currency", currency)
                .setParameter("since", since)
                .getSingleResult());
    }

    /** An earlier claim on the order whose refund or reshipment already covered one of these SKUs. */
    public Optional<String> earlierClaimCovering(String orderId, Collection<String> skus, String excludingClaimId) {
        if (skus.isEmpty()) {
            return Optional.empty();
        }
        List<Claim> actedOn = em.createQuery("select c from Claim c where c.orderId = :order and c.id <> :claim"
                        + " and c.status in :statuses order by c.createdAt", Claim.class)
                .setParameter("order", orderId)
                .setParameter("claim", excludingClaimId)
                .setParameter("statuses", ACTED_ON)
                .getResultList();
        return actedOn.stream()
                .filter(earlier -> earlier.items.stream().anyMatch(item -> skus.contains(item.sku())))
                .map(earlier -> earlier.id)
                .findFirst();
    }

    /** An earlier claim, as the agent's view of a customer's history shows it. */
    public record PastClaim(String id, String orderId, ClaimReason reason, ClaimStatus status,
                            io.claimpilot.common.Money amount, io.claimpilot.common.Money refunded, Instant createdAt) {
    }

    /** The customer's other claims, newest first. */
    public List<PastClaim> otherClaimsOf(String customerId, String excludingClaimId, int limit) {
        if (customerId == null) {
            return List.of();
        }
        return em.createQuery("select c from Claim c where c.customerId = :customer and c.id <> :claim order by c.createdAt desc",
                        Claim.class)
                .setParameter("customer", customerId)
                .setParameter("claim", excludingClaimId)
                .setMaxResults(limit)
                .getResultList().stream()
                .map(c -> new PastClaim(c.id, c.orderId, c.reason, c.status, c.claimedAmount(),
                        c.refundAmount == null ? null : io.claimpilot.common.Money.canonical(c.refundAmount, c.currency), c.createdAt))
                .toList();
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}

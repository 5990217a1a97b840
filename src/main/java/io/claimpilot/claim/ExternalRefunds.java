package io.claimpilot.claim;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refunds a provider reports that ClaimPilot did not approve through a claim (a merchant refunding in the Shopify
 * admin). They lower the order's refundable balance ({@link ClaimHistory#refundedOnOrder}).
 *
 * <p>A refund ClaimPilot made itself comes back through the same webhook. It is recognised, and linked to its claim
 * instead of being counted a second time, when (1) its note names a claim id of this order with an approved refund
 * (our Shopify refund connector writes the claim id in the note), or else (2) it was made by an app, not a staff member,
 * and its amount equals an approved refund of a claim on the order that no reported refund is linked to yet.
 * Anything else counts against the balance: a mistake there only sends more claims to a person, never refunds more.
 */
@ApplicationScoped
public class ExternalRefunds {

    private static final Pattern CLAIM_ID = Pattern.compile("cl_[0-9a-f]{32}");

    @Inject
    EntityManager em;
    @Inject
    AdvisoryLocks locks;
    @Inject
    Clock clock;

    /** One refund as the provider reported it. {@code byApp} is true when no staff member made it (Shopify user_id null). */
    public record Reported(String provider, String refundId, String orderId, BigDecimal amount, String currency,
                           String note, boolean byApp, Instant refundedAt) {
    }

    /** What recording a refund did. {@code ourClaimId} is set when it was one of ours. */
    public record Recorded(boolean isNew, String ourClaimId) {
    }

    /**
     * Records a reported refund once (the provider's refund id is unique), under the order's lock so it cannot race a
     * refund decision on the same order. Runs in the caller's transaction.
     */
    public Recorded record(Reported refund) {
        locks.lockOrder(refund.orderId());
        String ours = ourClaim(refund).orElse(null);
        int inserted = em.createNativeQuery("insert into external_refund (provider, refund_id, order_id, amount, currency,"
                        + " claim_id, refunded_at, recorded_at) values (:provider, :refund, :order, :amount, :currency,"
                        + " :claim, :refundedAt, :now) on conflict (provider, refund_id) do nothing")
                .setParameter("provider", refund.provider())
                .setParameter("refund", refund.refundId())
                .setParameter("order", refund.orderId())
                .setParameter("amount", refund.amount())
                .setParameter("currency", refund.currency())
                .setParameter("claim", ours)
                .setParameter("refundedAt", refund.refundedAt())
                .setParameter("now", clock.instant())
                .executeUpdate();
        return new Recorded(inserted == 1, ours);
    }

    /**
     * The order a payment belongs to: the order whose pinned facts name it ({@link OrderRecord}), else one whose claims
     * named it ({@code order.paymentReference}); a refund counted against such an order only lowers its balance.
     */
    public Optional<String> orderPaidBy(List<String> paymentReferences) {
        List<String> references = paymentReferences.stream().filter(java.util.Objects::nonNull).toList();
        if (references.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> pinned = OrderRecord.<OrderRecord>find("paymentReference in ?1 order by recordedAt", references)
                .firstResultOptional().map(order -> order.orderId);
        return pinned.or(() -> Claim.<Claim>find("paymentReference in ?1 order by createdAt", references).firstResultOptional()
                .map(claim -> claim.orderId));
    }

    /** What refunds made outside ClaimPilot gave back on an order. */
    public BigDecimal refundedOutsideClaims(String orderId) {
        Object sum = em.createNativeQuery("select sum(amount) from external_refund where order_id = :order and claim_id is null")
                .setParameter("order", orderId)
                .getSingleResult();
        return sum == null ? BigDecimal.ZERO : (BigDecimal) sum;
    }

    private Optional<String> ourClaim(Reported refund) {
        List<Claim> refunded = Claim.list("orderId = ?1 and refundAmount is not null order by createdAt", refund.orderId());
        if (refund.note() != null) {
            Matcher named = CLAIM_ID.matcher(refund.note());
            while (named.find()) {
                String id = named.group();
                if (refunded.stream().anyMatch(claim -> claim.id.equals(id))) {
                    return Optional.of(id);
                }
            }
        }
        if (!refund.byApp()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<String> linked = em.createNativeQuery("select claim_id from external_refund where order_id = :order and claim_id is not null")
                .setParameter("order", refund.orderId())
                .getResultList();
        return refunded.stream()
                .filter(claim -> !linked.contains(claim.id) && claim.refundAmount.compareTo(refund.amount()) == 0)
                .map(claim -> claim.id)
                .findFirst();
    }
}

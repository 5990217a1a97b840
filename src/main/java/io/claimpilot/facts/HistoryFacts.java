package io.claimpilot.facts;

import io.claimpilot.blocklist.BlocklistEntry;
import io.claimpilot.blocklist.BlocklistService;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.claim.ClaimStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything the facts need from our own history of claims, in one query: the customer's, the e-mail's and the
 * address's claims and refunds over 30 and 90 days, the blocklist, an earlier claim on the order that already covered
 * one of the items, and what the order has already given back. One round trip instead of twelve; each scalar
 * sub-query is served by its own index (V1 {@code claim_by_customer}, {@code claim_by_email}, {@code claim_by_order},
 * V3 {@code claim_by_address}, the blocklist's unique (kind, value)): {@code docs/benchmarks.md} shows the plan.
 * The same questions asked one by one are {@link ClaimHistory}'s and {@link BlocklistService#match}'s, which the
 * console uses; {@code HistoryFactsTest} checks that both give the same answers.
 */
@ApplicationScoped
class HistoryFacts {

    private static final String QUERY = """
            select
              (select count(*) from claim where customer_id = :customer and created_at >= :since30),
              (select count(*) from claim where customer_id = :customer and created_at >= :since90),
              (select sum(refund_amount) from claim
                where customer_id = :customer and currency = :currency and refund_approved_at >= :since30),
              (select sum(refund_amount) from claim
                where customer_id = :customer and currency = :currency and refund_approved_at >= :since90),
              (select count(*) from claim where customer_email = :email and created_at >= :since30),
              (select sum(refund_amount) from claim
                where customer_email = :email and currency = :currency and refund_approved_at >= :since90),
              (select count(*) from claim where address_key = :address and created_at >= :since30),
              (select sum(refund_amount) from claim
                where address_key = :address and currency = :currency and refund_approved_at >= :since90),
              (select b.reason from blocklist_entry b
                where (b.kind = 'CUSTOMER_ID' and b.value in (:customerValue, :customerPseudonym))
                   or (b.kind = 'EMAIL' and b.value in (:emailValue, :emailPseudonym))
                   or (b.kind = 'ADDRESS' and b.value in (:addressValue, :addressPseudonym))
                order by case b.kind when 'CUSTOMER_ID' then 0 when 'EMAIL' then 1 else 2 end, b.id limit 1),
              (select c.id from claim c
                where :hasSkus and c.order_id = :order and c.id <> :claim and c.status in (:actedOn)
                  and exists (select 1 from jsonb_array_elements(c.items) item where item ->> 'sku' in (:skus))
                order by c.created_at limit 1),
              (select sum(refund_amount) from claim where order_id = :order and id <> :claim),
              (select sum(amount) from external_refund where order_id = :order and claim_id is null)
            """;

    @Inject
    EntityManager em;
    @Inject
    BlocklistService blocklist;

    /** The answers, as the facts snapshot takes them; sums are zero, not null, when there is nothing to add. */
    record History(int customerClaims30, int customerClaims90, BigDecimal customerRefunded30,
                   BigDecimal customerRefunded90, int emailClaims30, BigDecimal emailRefunded90, int addressClaims30,
                   BigDecimal addressRefunded90, String blocklistReason, String earlierClaimCovering,
                   BigDecimal refundedOnOrder) {
    }

    History of(Claim claim, Collection<String> skus, Instant now) {
        Map<BlocklistEntry.Kind, List<String>> listed = blocklist.lookupValues(claim.customerId, claim.customerEmail,
                claim.addressKey);
        Object[] row = (Object[]) em.createNativeQuery(QUERY)
                .setParameter("customer", claim.customerId)
                .setParameter("email", claim.customerEmail)
                .setParameter("address", claim.addressKey)
                .setParameter("currency", claim.currency)
                .setParameter("since30", now.minus(Duration.ofDays(30)))
                .setParameter("since90", now.minus(Duration.ofDays(90)))
                .setParameter("customerValue", listed.get(BlocklistEntry.Kind.CUSTOMER_ID).get(0))
                .setParameter("customerPseudonym", listed.get(BlocklistEntry.Kind.CUSTOMER_ID).get(1))
                .setParameter("emailValue", listed.get(BlocklistEntry.Kind.EMAIL).get(0))
                .setParameter("emailPseudonym", listed.get(BlocklistEntry.Kind.EMAIL).get(1))
                .setParameter("addressValue", listed.get(BlocklistEntry.Kind.ADDRESS).get(0))
                .setParameter("addressPseudonym", listed.get(BlocklistEntry.Kind.ADDRESS).get(1))
                .setParameter("hasSkus", !skus.isEmpty())
                // An empty IN list is not SQL; :hasSkus already answers for a claim without items.
                .setParameter("skus", skus.isEmpty() ? List.of("") : skus)
                .setParameter("order", claim.orderId)
                .setParameter("claim", claim.id)
                .setParameter("actedOn", ClaimHistory.ACTED_ON.stream().map(ClaimStatus::name).toList())
                .getSingleResult();
        return new History(count(row[0]), count(row[1]), sum(row[2]), sum(row[3]), count(row[4]), sum(row[5]),
                count(row[6]), sum(row[7]), (String) row[8], (String) row[9], sum(row[10]).add(sum(row[11])));
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }

    private static BigDecimal sum(Object value) {
        return value == null ? BigDecimal.ZERO : (BigDecimal) value;
    }
}

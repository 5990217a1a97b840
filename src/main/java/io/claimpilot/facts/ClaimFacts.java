package io.claimpilot.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything the policy may look at for one claim, gathered before evaluation and frozen.
 * It is stored with the decision, so the same snapshot and policy version always replay to the same decision.
 * Field names are what analysts write in rule conditions, so keep them plain.
 *
 * @param customerClaimsLast30Days claims by this customer id in the 30 days up to {@code now}, this one included;
 *                                 the e-mail and address counts are the same across every account using them
 * @param customerRefundedLast90Days refunds approved to this customer in the 90 days before this claim
 * @param refundableBalance        what is left to refund on the order: total paid minus refunds already approved
 * @param allItemsInStock          true when the claim lists items and the warehouse has every one in the quantity claimed;
 *                                 false when it has no items or an item is short; null (unknown) when no item is known to
 *                                 be short but the stock of one could not be read (the warehouse did not answer). A rule
 *                                 testing {@code allItemsInStock == true} or {@code == false} then does not match, so
 *                                 unless a row that ignores stock decides, the claim goes to a person
 * @param trackingStatus           what the carrier's tracking says: UNKNOWN, IN_TRANSIT, DELIVERED, EXCEPTION, RETURNED
 * @param daysSinceShipped         whole days since the order shipped, or -1 when it has not shipped or the date is unknown
 * @param duplicateOfClaimId       an earlier claim on the same order whose refund or reshipment covered one of these SKUs
 * @param now                      the evaluation time; rules never read a clock of their own
 * @param exchangeRequested        true when an item of the claim asks for another variant ({@code exchangeFor})
 * @param replacementSamePrice     true when every replacement's unit price, read from the stock source, is the claimed
 *                                 item's unit price in the claim's currency; false when one differs, no exchange is
 *                                 asked, or a price could not be read (a person then compares)
 * @param replacementInStock       true when the warehouse has every replacement in the quantity claimed; false when one
 *                                 is short, no exchange is asked, or the stock could not be read
 * @param replacements             what was seen of each replacement, kept with the snapshot for explanations
 */
public record ClaimFacts(
        String claimId,
        String orderId,
        String reason,
        String fulfillment,
        String currency,
        BigDecimal claimedAmount,
        BigDecimal orderTotalPaid,
        BigDecimal refundableBalance,
        List<ItemFact> items,
        Boolean allItemsInStock,
        boolean hasPhoto,
        boolean hasTrackingNumber,
        String trackingStatus,
        int daysSinceShipped,
        String customerId,
        int customerClaimsLast30Days,
        int customerClaimsLast90Days,
        BigDecimal customerRefundedLast30Days,
        BigDecimal customerRefundedLast90Days,
        int emailClaimsLast30Days,
        BigDecimal emailRefundedLast90Days,
        int addressClaimsLast30Days,
        BigDecimal addressRefundedLast90Days,
        boolean blocklisted,
        String blocklistReason,
        String duplicateOfClaimId,
        Instant claimedAt,
        Instant now,
        boolean exchangeRequested,
        boolean replacementSamePrice,
        boolean replacementInStock,
        List<ReplacementFact> replacements) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public ClaimFacts {
        items = items == null ? List.of() : List.copyOf(items);
        replacements = replacements == null ? List.of() : List.copyOf(replacements);
    }

    /** The facts of a claim that asks for no exchange. */
    public ClaimFacts(String claimId, String orderId, String reason, String fulfillment, String currency,
                      BigDecimal claimedAmount, BigDecimal orderTotalPaid, BigDecimal refundableBalance,
                      List<ItemFact> items, Boolean allItemsInStock, boolean hasPhoto, boolean hasTrackingNumber,
                      String trackingStatus, int daysSinceShipped, String customerId, int customerClaimsLast30Days,
                      int customerClaimsLast90Days, BigDecimal customerRefundedLast30Days,
                      BigDecimal customerRefundedLast90Days, int emailClaimsLast30Days, BigDecimal emailRefundedLast90Days,
                      int addressClaimsLast30Days, BigDecimal addressRefundedLast90Days, boolean blocklisted,
                      String blocklistReason, String duplicateOfClaimId, Instant claimedAt, Instant now) {
        this(claimId, orderId, reason, fulfillment, currency, claimedAmount, orderTotalPaid, refundableBalance, items,
                allItemsInStock, hasPhoto, hasTrackingNumber, trackingStatus, daysSinceShipped, customerId,
                customerClaimsLast30Days, customerClaimsLast90Days, customerRefundedLast30Days, customerRefundedLast90Days,
                emailClaimsLast30Days, emailRefundedLast90Days, addressClaimsLast30Days, addressRefundedLast90Days,
                blocklisted, blocklistReason, duplicateOfClaimId, claimedAt, now, false, false, false, List.of());
    }

    /** These facts with an exchange's: what the customer asked for instead, and what the warehouse has of it. */
    public ClaimFacts withReplacements(List<ReplacementFact> asked) {
        boolean requested = !asked.isEmpty();
        return new ClaimFacts(claimId, orderId, reason, fulfillment, currency, claimedAmount, orderTotalPaid,
                refundableBalance, items, allItemsInStock, hasPhoto, hasTrackingNumber, trackingStatus, daysSinceShipped,
                customerId, customerClaimsLast30Days, customerClaimsLast90Days, customerRefundedLast30Days,
                customerRefundedLast90Days, emailClaimsLast30Days, emailRefundedLast90Days, addressClaimsLast30Days,
                addressRefundedLast90Days, blocklisted, blocklistReason, duplicateOfClaimId, claimedAt, now,
                requested, requested && asked.stream().allMatch(ReplacementFact::samePrice),
                requested && ReplacementFact.allInStock(asked), asked);
    }

    /**
     * True, false, or null (unknown) as described for {@link #allItemsInStock}: known to be short wins over unknown.
     */
    public static Boolean allInStock(List<ItemFact> items) {
        if (items.isEmpty() || items.stream().anyMatch(item -> item.stockKnown() && !item.inStock())) {
            return false;
        }
        return items.stream().allMatch(ItemFact::stockKnown) ? Boolean.TRUE : null;
    }

    /** The scale of {@link #claimedAmountTenThousandths()}: four decimals hold every ISO 4217 currency's minor unit. */
    public static final int AMOUNT_SCALE = 4;

    /**
     * The claimed amount in ten-thousandths, rounded up and kept within the range of a long. The policy compiler turns a
     * table's "Amount above" / "Amount at most" cells into comparisons with this number, which Drools evaluates as
     * primitives and indexes, instead of a BigDecimal comparison per row. Rounding up keeps those two comparisons exact
     * for any literal with at most four decimals: ceil(x) > c exactly when x > c, for a whole c. Not a field, so it is
     * not part of the stored JSON snapshot; never used for money arithmetic. Long.MAX_VALUE when there is no amount.
     */
    public long claimedAmountTenThousandths() {
        if (claimedAmount == null) {
            return Long.MAX_VALUE; // "at most" is then false, as it is for no amount; "above" is guarded by the compiler
        }
        if (claimedAmount.scale() >= 0 && claimedAmount.scale() <= AMOUNT_SCALE && claimedAmount.precision() <= 14) {
            return claimedAmount.movePointRight(AMOUNT_SCALE).longValueExact(); // the usual case: exact, well within range
        }
        BigDecimal scaled = claimedAmount.movePointRight(AMOUNT_SCALE).setScale(0, java.math.RoundingMode.CEILING);
        if (scaled.compareTo(LONG_MAX) >= 0) {
            return Long.MAX_VALUE;
        }
        return scaled.compareTo(LONG_MIN) <= 0 ? Long.MIN_VALUE : scaled.longValue();
    }

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    /**
     * One exchanged line: the replacement SKU, the quantity wanted, the claimed line's unit price, and the
     * replacement's unit price and units available as the stock source reported them (null when it could not say).
     */
    public record ReplacementFact(String sku, int quantity, BigDecimal claimedUnitPrice, BigDecimal unitPrice,
                                  Integer available) {

        /** Compared by value: 24.9 and 24.90 are the same price. */
        public boolean samePrice() {
            return unitPrice != null && claimedUnitPrice != null && unitPrice.compareTo(claimedUnitPrice) == 0;
        }

        /** Several lines may ask for the same replacement: the warehouse must have all of them. */
        static boolean allInStock(List<ReplacementFact> asked) {
            java.util.Map<String, Integer> wanted = new java.util.HashMap<>();
            java.util.Map<String, Integer> available = new java.util.HashMap<>();
            for (ReplacementFact fact : asked) {
                if (fact.available() == null) {
                    return false;
                }
                wanted.merge(fact.sku(), fact.quantity(), Integer::sum);
                available.put(fact.sku(), fact.available());
            }
            return wanted.entrySet().stream().allMatch(entry -> available.get(entry.getKey()) >= entry.getValue());
        }
    }

    /**
     * One claimed line with the stock the warehouse reported for its SKU when facts were gathered;
     * {@code available} is null when the stock source could not be read.
     */
    public record ItemFact(String sku, int quantity, BigDecimal unitPrice, Integer available) {
        public boolean inStock() {
            return available != null && available >= quantity;
        }

        public boolean stockKnown() {
            return available != null;
        }
    }
}

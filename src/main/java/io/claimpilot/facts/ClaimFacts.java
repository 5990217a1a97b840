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
        Instant now) {

    public ClaimFacts {
        items = items == null ? List.of() : List.copyOf(items);
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

package io.claimpilot.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A fluent builder of fact snapshots for policy tests; defaults describe an ordinary, clean customer. */
public final class TestFacts {

    public static final Instant CLAIMED_AT = Instant.parse("2026-11-20T10:00:00Z");

    private String reason = "ORDER_CANCELLED_BEFORE_SHIPMENT";
    private String fulfillment = "UNFULFILLED";
    private String currency = "EUR";
    private BigDecimal amount = new BigDecimal("89.90");
    private BigDecimal totalPaid;
    private BigDecimal refundable;
    private final List<ClaimFacts.ItemFact> items = new ArrayList<>();
    private boolean photo;
    private int claims30 = 1;
    private boolean blocklisted;
    private String trackingStatus = "UNKNOWN";
    private int daysSinceShipped = -1;
    private BigDecimal refunded90 = BigDecimal.ZERO;
    private int emailClaims30 = 1;
    private int addressClaims30 = 1;
    private BigDecimal addressRefunded90 = BigDecimal.ZERO;
    private String duplicateOf;

    public TestFacts tracking(String status, int daysSinceShipping) {
        trackingStatus = status;
        daysSinceShipped = daysSinceShipping;
        return this;
    }

    public TestFacts refundedLast90Days(String value) {
        refunded90 = new BigDecimal(value);
        return this;
    }

    public TestFacts emailClaimsLast30Days(int value) {
        emailClaims30 = value;
        return this;
    }

    public TestFacts addressClaimsLast30Days(int value) {
        addressClaims30 = value;
        return this;
    }

    public TestFacts addressRefundedLast90Days(String value) {
        addressRefunded90 = new BigDecimal(value);
        return this;
    }

    public TestFacts duplicateOf(String claimId) {
        duplicateOf = claimId;
        return this;
    }

    public static TestFacts claim(String reason) {
        TestFacts facts = new TestFacts();
        facts.reason = reason;
        return facts;
    }

    public TestFacts amount(String value) {
        amount = new BigDecimal(value);
        return this;
    }

    public TestFacts currency(String value) {
        currency = value;
        return this;
    }

    public TestFacts fulfillment(String value) {
        fulfillment = value;
        return this;
    }

    public TestFacts item(String sku, int quantity, int available) {
        items.add(new ClaimFacts.ItemFact(sku, quantity, new BigDecimal("10.00"), available));
        return this;
    }

    /** A line whose stock the source could not read. */
    public TestFacts itemWithUnknownStock(String sku, int quantity) {
        items.add(new ClaimFacts.ItemFact(sku, quantity, new BigDecimal("10.00"), null));
        return this;
    }

    public TestFacts photo(boolean value) {
        photo = value;
        return this;
    }

    public TestFacts claimsLast30Days(int value) {
        claims30 = value;
        return this;
    }

    public TestFacts blocklisted() {
        blocklisted = true;
        return this;
    }

    public TestFacts refundableBalance(String value) {
        refundable = new BigDecimal(value);
        return this;
    }

    public ClaimFacts build() {
        BigDecimal paid = totalPaid != null ? totalPaid : amount.max(new BigDecimal("500.00"));
        Boolean allInStock = ClaimFacts.allInStock(items);
        return new ClaimFacts("cl-test", "1001", reason, fulfillment, currency, amount, paid,
                refundable != null ? refundable : paid, items, allInStock, photo, false, trackingStatus, daysSinceShipped, "c-42",
                claims30, claims30, BigDecimal.ZERO, refunded90, emailClaims30, BigDecimal.ZERO, addressClaims30, addressRefunded90,
                blocklisted, blocklisted ? "chargeback fraud in 2025" : null, duplicateOf, CLAIMED_AT, CLAIMED_AT.plusSeconds(5));
    }
}

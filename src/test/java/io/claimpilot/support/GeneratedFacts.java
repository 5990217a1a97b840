package io.claimpilot.support;

import io.claimpilot.facts.ClaimFacts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic, varied fact snapshots: every reason, amounts on both sides of the caps, stock in and out, photos,
 * repeat customers, a few blocklisted customers and claims above the refundable balance.
 */
public final class GeneratedFacts {

    public static final List<String> ALL_REASONS = List.of(
            "ORDER_CANCELLED_BEFORE_SHIPMENT", "RETURN_SCANNED", "DAMAGED", "NOT_RECEIVED", "WRONG_ITEM", "OTHER");
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final String[] SKUS = {"MUG-01", "TEA-02", "POT-03", "CUP-04", "BAG-05"};

    private GeneratedFacts() {
    }

    /** {@code count} snapshots with every reason, amounts from 0.01 to 199.99, one in ten in USD rather than EUR. */
    public static List<ClaimFacts> generate(int count, long seed) {
        return generate(count, ALL_REASONS, true, seed);
    }

    /** {@code count} snapshots with reasons drawn from {@code reasons} and amounts from 0.01 to 199.99. */
    public static List<ClaimFacts> generate(int count, List<String> reasons, boolean someInUsd, long seed) {
        Random random = new Random(seed);
        List<ClaimFacts> facts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String reason = reasons.get(random.nextInt(reasons.size()));
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(19_999), 2);
            String currency = random.nextInt(10) == 0 && someInUsd ? "USD" : "EUR";
            String fulfillment = reason.equals("ORDER_CANCELLED_BEFORE_SHIPMENT")
                    ? (random.nextInt(8) == 0 ? "FULFILLED" : "UNFULFILLED")
                    : (random.nextBoolean() ? "DELIVERED" : "FULFILLED");
            List<ClaimFacts.ItemFact> items = new ArrayList<>();
            int lines = random.nextInt(4);
            for (int line = 0; line < lines; line++) {
                int quantity = 1 + random.nextInt(2);
                items.add(new ClaimFacts.ItemFact(SKUS[(i + line) % SKUS.length], quantity, new BigDecimal("19.90"),
                        random.nextInt(6)));
            }
            boolean allInStock = !items.isEmpty() && items.stream().allMatch(ClaimFacts.ItemFact::inStock);
            BigDecimal paid = amount.add(BigDecimal.valueOf(random.nextInt(10_000), 2));
            BigDecimal refundable = random.nextInt(20) == 0 ? amount.subtract(new BigDecimal("0.01")) : paid;
            int claims30 = random.nextInt(10) < 8 ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
            boolean blocklisted = random.nextInt(50) == 0;
            Instant claimedAt = START.plusSeconds(i * 60L);
            BigDecimal refunded90 = BigDecimal.valueOf(random.nextInt(40_000), 2);
            String tracking = random.nextBoolean() ? "IN_TRANSIT" : "DELIVERED";
            facts.add(new ClaimFacts("cl-bench-" + i, "order-" + i, reason, fulfillment, currency, amount, paid, refundable,
                    items, allInStock, random.nextBoolean(), random.nextBoolean(), tracking, random.nextInt(20) - 1,
                    "customer-" + random.nextInt(500), claims30, claims30 + random.nextInt(3), BigDecimal.ZERO, refunded90,
                    claims30, refunded90, claims30, BigDecimal.ZERO, blocklisted, blocklisted ? "chargeback fraud" : null,
                    random.nextInt(40) == 0 ? "cl-bench-earlier" : null, claimedAt, claimedAt.plusMillis(250)));
        }
        return facts;
    }
}

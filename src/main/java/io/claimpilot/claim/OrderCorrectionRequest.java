package io.claimpilot.claim;

import io.claimpilot.common.Money;

/**
 * The body of {@code PUT /api/orders/{orderId}}: the order's money facts as they really are, and why. The whole record
 * is replaced: a missing {@code paymentReference} means the order has none.
 */
public record OrderCorrectionRequest(Money totalPaid, String paymentReference, String reason) {
}

package io.claimpilot.action;

import io.claimpilot.common.Money;

import java.time.Instant;

/**
 * A message to the customer about one situation, with what that situation adds: a deadline for a photo, the amount
 * refunded, the tracking of a reshipment, or what an exchange sent instead ({@code replacement}, e.g. "SHOE-42").
 * Each detail is null where the situation has none.
 */
public record CustomerNotice(String claimId, MessageSituation situation, Instant deadline, Money amount,
                             String trackingNumber, String carrier, String replacement) {

    public static final String ACTION = "NOTIFY_CUSTOMER";

    public static CustomerNotice of(String claimId, MessageSituation situation) {
        return new CustomerNotice(claimId, situation, null, null, null, null, null);
    }
}

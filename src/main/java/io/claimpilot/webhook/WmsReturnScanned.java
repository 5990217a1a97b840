package io.claimpilot.webhook;

import io.claimpilot.claim.ClaimReason;
import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /webhooks/wms}: the warehouse scanned a returned parcel. It carries the order as the warehouse
 * (or the middleware posting for it) knows it, in the same shapes as {@code POST /api/claims}; it becomes a
 * {@code RETURN_SCANNED} claim with the externalId {@code wms-return-<eventId>}, so a re-sent event is one claim.
 */
public record WmsReturnScanned(
        String eventId,
        String type,
        Instant scannedAt,
        String orderId,
        ClaimRequest.Customer customer,
        Money amount,
        List<ClaimRequest.Item> items,
        ClaimRequest.Order order,
        ClaimRequest.Address shippingAddress) {

    public static final String TYPE = "RETURN_SCANNED";
    private static final int MAX_EVENT_ID = 150;

    /** Checks what only this event has; the claim fields are checked by the intake's validator. */
    public void checkEnvelope() {
        if (eventId == null || eventId.isBlank() || eventId.length() > MAX_EVENT_ID) {
            throw ApiProblem.invalidField("eventId", "is required, at most " + MAX_EVENT_ID + " characters");
        }
        if (!TYPE.equals(type)) {
            throw ApiProblem.invalidField("type", "must be " + TYPE);
        }
    }

    public ClaimRequest toClaim() {
        return new ClaimRequest("wms-return-" + eventId, orderId, ClaimReason.RETURN_SCANNED, customer, amount, items,
                order, List.of(), shippingAddress);
    }
}

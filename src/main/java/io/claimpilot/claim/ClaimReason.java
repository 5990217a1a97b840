package io.claimpilot.claim;

/** Why a customer or the warehouse raised a claim. */
public enum ClaimReason {
    ORDER_CANCELLED_BEFORE_SHIPMENT,
    RETURN_SCANNED,
    DAMAGED,
    NOT_RECEIVED,
    WRONG_ITEM,
    OTHER
}

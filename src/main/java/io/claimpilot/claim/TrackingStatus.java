package io.claimpilot.claim;

/** What the carrier's tracking says about the parcel, as the shop reports it. */
public enum TrackingStatus {
    UNKNOWN,
    IN_TRANSIT,
    DELIVERED,
    EXCEPTION,
    RETURNED
}

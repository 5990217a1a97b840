package io.claimpilot.claim;

/** Proof attached to a claim. */
public enum EvidenceType {
    PHOTO,
    TRACKING_NUMBER
}

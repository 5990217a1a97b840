package io.claimpilot.claim;

/** A photo ({@code url}) or a tracking number, sent with a claim or after it. */
public record EvidenceRequest(EvidenceType type, String url, String trackingNumber) {
}

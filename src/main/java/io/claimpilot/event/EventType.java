package io.claimpilot.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** What a claim event says happened, named on the wire as receivers filter on it ({@code claim.decided}). */
public enum EventType {
    /** The claim was received and stored. */
    CLAIM_CREATED("claim.created"),
    /** The policy or a person recorded a decision (refund, reshipment, evidence asked for, review, denial). */
    CLAIM_DECIDED("claim.decided"),
    /** The claim went to a person. */
    CLAIM_ESCALATED("claim.escalated"),
    /** Its refund or reshipment was carried out. */
    CLAIM_COMPLETED("claim.completed"),
    /** Its refund or reshipment failed for good (after the last attempt, or the provider refused it). */
    CLAIM_FAILED("claim.failed");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    @JsonCreator
    static EventType parse(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("Unknown event type " + name));
    }
}

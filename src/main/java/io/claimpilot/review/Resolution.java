package io.claimpilot.review;

import io.claimpilot.common.Money;
import io.claimpilot.decision.DecisionAction;

import java.time.Instant;

/**
 * An agent's decision on a claim in review, always with a note: REFUND (with an amount), RESHIP, EXCHANGE
 * (the variants the claim's items ask for), DENY, or
 * REQUEST_EVIDENCE (with the deadline by which the customer's evidence must arrive).
 */
public record Resolution(DecisionAction action, Money amount, String note, Instant deadline) {

    public Resolution(DecisionAction action, Money amount, String note) {
        this(action, amount, note, null);
    }
}

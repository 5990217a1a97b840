package io.claimpilot.review;

import io.claimpilot.common.Money;
import io.claimpilot.decision.DecisionAction;

/** An agent's decision on a claim in review: REFUND (with an amount), RESHIP or DENY, always with a note. */
public record Resolution(DecisionAction action, Money amount, String note) {
}

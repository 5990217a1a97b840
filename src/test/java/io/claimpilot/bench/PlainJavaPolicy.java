package io.claimpilot.bench;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyOutcome;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped policy (rules/guardrails.drl and rules/claims.xlsx) written by hand in Java: the speed limit the
 * rule engine is measured against. It fills the same {@link PolicyOutcome} in the order Drools fires the rules
 * (guard rails, salience 100, in file order; then the one table row that matches) and resolves it with the same
 * {@link PolicyVerdict#resolve}, so its verdicts are identical, rules fired included ({@code PlainJavaPolicyTest}).
 */
public final class PlainJavaPolicy {

    private static final BigDecimal CANCEL_CAP = new BigDecimal("150.00");
    private static final BigDecimal DAMAGED_CAP = new BigDecimal("50.00");
    private static final String CANCELLED = "ORDER_CANCELLED_BEFORE_SHIPMENT";

    private final String version;

    public PlainJavaPolicy(String version) {
        this.version = version;
    }

    public PolicyVerdict evaluate(ClaimFacts facts) {
        PolicyOutcome outcome = new PolicyOutcome();
        List<String> fired = new ArrayList<>();
        guardRails(facts, outcome, fired);
        table(facts, outcome, fired);
        return PolicyVerdict.resolve(facts, outcome, fired, version);
    }

    private static void guardRails(ClaimFacts facts, PolicyOutcome outcome, List<String> fired) {
        if (facts.customerClaimsLast30Days() > 3) {
            fired.add("Guard rail: more than 3 claims in 30 days");
            outcome.escalate("The customer made " + facts.customerClaimsLast30Days() + " claims in the last 30 days (more than 3)");
        }
        if (facts.blocklisted()) {
            fired.add("Guard rail: customer on the blocklist");
            outcome.escalate("The customer or e-mail is on the blocklist: " + facts.blocklistReason());
        }
        if (facts.claimedAmount().compareTo(facts.refundableBalance()) > 0) {
            fired.add("Guard rail: claim above the order's refundable balance");
            outcome.escalate("The claimed " + facts.claimedAmount().toPlainString() + " " + facts.currency()
                    + " is more than the " + facts.refundableBalance().toPlainString() + " " + facts.currency()
                    + " left to refund on the order");
        }
    }

    private static void table(ClaimFacts facts, PolicyOutcome outcome, List<String> fired) {
        String reason = facts.reason();
        boolean eur = "EUR".equals(facts.currency());
        if (CANCELLED.equals(reason)) {
            if ("UNFULFILLED".equals(facts.fulfillment()) && eur) {
                if (facts.claimedAmount().compareTo(CANCEL_CAP) <= 0) {
                    decide(outcome, fired, "Cancelled before shipment, up to the cap: refund", DecisionAction.REFUND, null,
                            "refund-issued", "Cancelled before shipment, within the 150.00 EUR automatic refund cap");
                } else {
                    decide(outcome, fired, "Cancelled before shipment, above the cap: review", DecisionAction.HUMAN_REVIEW, null,
                            "under-review", "Amount above the 150.00 EUR cap for automatic refunds");
                }
            }
        } else if ("RETURN_SCANNED".equals(reason)) {
            if (facts.allItemsInStock()) {
                decide(outcome, fired, "Returned parcel, every item in stock: reship", DecisionAction.RESHIP, null,
                        "reshipment-on-its-way", "Returned parcel scanned and every item is in stock");
            } else {
                decide(outcome, fired, "Returned parcel, an item out of stock: review", DecisionAction.HUMAN_REVIEW, null,
                        "under-review", "Returned parcel scanned but not every item is in stock");
            }
        } else if ("DAMAGED".equals(reason)) {
            if (!facts.hasPhoto()) {
                decide(outcome, fired, "Damaged without a photo: ask for one", DecisionAction.REQUEST_EVIDENCE, 48,
                        "photo-requested", "Damaged product reported without a photo");
            } else if (eur && facts.claimedAmount().compareTo(DAMAGED_CAP) <= 0) {
                if (facts.allItemsInStock()) {
                    decide(outcome, fired, "Damaged with a photo, up to the cap, in stock: reship", DecisionAction.RESHIP, null,
                            "reshipment-on-its-way", "Damaged product with a photo, within the 50.00 EUR cap, in stock");
                } else {
                    decide(outcome, fired, "Damaged with a photo, up to the cap, out of stock: refund", DecisionAction.REFUND, null,
                            "refund-issued", "Damaged product with a photo, within the 50.00 EUR cap, out of stock");
                }
            } else if (eur) {
                decide(outcome, fired, "Damaged with a photo, above the cap: review", DecisionAction.HUMAN_REVIEW, null,
                        "under-review", "Damaged product above the 50.00 EUR cap for automatic handling");
            }
        }
    }

    private static void decide(PolicyOutcome outcome, List<String> fired, String rule, DecisionAction action,
                               Integer deadlineHours, String messageKey, String why) {
        fired.add(rule);
        outcome.decide(action);
        if (deadlineHours != null) {
            outcome.setDeadlineHours(deadlineHours);
        }
        outcome.setMessageKey(messageKey);
        outcome.explain(why);
    }
}

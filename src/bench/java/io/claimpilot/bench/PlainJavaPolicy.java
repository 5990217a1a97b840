package io.claimpilot.bench;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyOutcome;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped policy (rules/guardrails.drl, rules/claims.xlsx and rules/non-delivery.xlsx) written by hand in Java: the speed limit the
 * rule engine is measured against. It fills the same {@link PolicyOutcome} in the order Drools fires the rules
 * (guard rails, salience 100, in file order; then the one table row that matches) and resolves it with the same
 * {@link PolicyVerdict#resolve}, so its verdicts are identical, rules fired included ({@code PlainJavaPolicyTest}).
 */
public final class PlainJavaPolicy {

    private static final BigDecimal CANCEL_CAP = new BigDecimal("150.00");
    private static final BigDecimal DAMAGED_CAP = new BigDecimal("50.00");
    private static final BigDecimal REFUNDED_CAP = new BigDecimal("300");
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
        if (facts.customerClaimsLast30Days() > 3 || facts.emailClaimsLast30Days() > 3 || facts.addressClaimsLast30Days() > 3) {
            fired.add("Guard rail: more than 3 claims in 30 days");
            outcome.escalate("The customer made " + Math.max(facts.customerClaimsLast30Days(),
                    Math.max(facts.emailClaimsLast30Days(), facts.addressClaimsLast30Days()))
                    + " claims in the last 30 days (more than 3), counting every account with the same e-mail or address");
        }
        if ("EUR".equals(facts.currency()) && (facts.customerRefundedLast90Days().compareTo(REFUNDED_CAP) > 0
                || facts.emailRefundedLast90Days().compareTo(REFUNDED_CAP) > 0
                || facts.addressRefundedLast90Days().compareTo(REFUNDED_CAP) > 0)) {
            fired.add("Guard rail: more than 300 EUR refunded in 90 days");
            outcome.escalate("The customer was refunded " + facts.customerRefundedLast90Days().max(facts.emailRefundedLast90Days())
                    .max(facts.addressRefundedLast90Days()).toPlainString() + " EUR in the last 90 days (more than 300.00 EUR)");
        }
        if (facts.blocklisted()) {
            fired.add("Guard rail: customer on the blocklist");
            outcome.escalate("The customer, e-mail or address is on the blocklist: " + facts.blocklistReason());
        }
        if (facts.claimedAmount().compareTo(facts.refundableBalance()) > 0) {
            fired.add("Guard rail: claim above the order's refundable balance");
            outcome.escalate("The claimed " + facts.claimedAmount().toPlainString() + " " + facts.currency()
                    + " is more than the " + facts.refundableBalance().toPlainString() + " " + facts.currency()
                    + " left to refund on the order");
        }
        if (facts.duplicateOfClaimId() != null) {
            fired.add("Guard rail: items already refunded or reshipped");
            outcome.escalate("Items of this claim were already refunded or reshipped for this order by claim "
                    + facts.duplicateOfClaimId() + " (/api/claims/" + facts.duplicateOfClaimId() + ")");
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
        } else if ("NOT_RECEIVED".equals(reason)) {
            nonDelivery(facts, outcome, fired);
        }
    }

    private static void nonDelivery(ClaimFacts facts, PolicyOutcome outcome, List<String> fired) {
        if ("DELIVERED".equals(facts.trackingStatus())) {
            decide(outcome, fired, "Not received but tracking says delivered: review", DecisionAction.HUMAN_REVIEW, null,
                    "under-review", "The customer says the parcel never arrived, but tracking says it was delivered");
        } else if (facts.daysSinceShipped() > 10 && facts.allItemsInStock()) {
            decide(outcome, fired, "Not received, more than 10 days after shipping, in stock: reship", DecisionAction.RESHIP, null,
                    "reshipment-on-its-way", "Not delivered more than 10 days after shipping, and every item is in stock");
        } else if (facts.daysSinceShipped() > 10) {
            decide(outcome, fired, "Not received, more than 10 days after shipping, out of stock: review", DecisionAction.HUMAN_REVIEW,
                    null, "under-review", "Not delivered more than 10 days after shipping, but not every item is in stock");
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

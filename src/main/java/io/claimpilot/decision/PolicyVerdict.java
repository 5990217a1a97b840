package io.claimpilot.decision;

import io.claimpilot.common.Money;
import io.claimpilot.facts.ClaimFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one policy version decided for one fact snapshot, and why.
 *
 * @param amount     the refund amount for {@code REFUND}, otherwise null
 * @param deadline   when evidence must arrive for {@code REQUEST_EVIDENCE}, otherwise null
 * @param reasons    plain-language explanations, first the one an agent should read
 * @param rulesFired rule names in firing order
 * @param overruled  what the policy had proposed when the money-safety limits sent the claim to a person instead;
 *                   null otherwise
 */
public record PolicyVerdict(
        DecisionAction action,
        Money amount,
        Instant deadline,
        String messageKey,
        List<String> reasons,
        List<String> rulesFired,
        String policyVersion,
        Overruled overruled) {

    /** The action (and refund amount) the policy proposed before the money-safety limits overruled it. */
    public record Overruled(DecisionAction action, Money amount) {
    }

    /** Rules named so are guard rails: checks before the tables that send a claim to a person. */
    public static final String GUARD_RAIL_PREFIX = "Guard rail:";

    public static final String NO_RULE_DECIDED = "No rule of the policy decides this claim";
    public static final String DID_NOT_FINISH = "The policy did not finish: ";
    public static final String NO_EXCHANGE_ASKED = "The policy exchanges this claim, but no item asks for another variant (exchangeFor)";
    public static final String STOCK_UNKNOWN = "The warehouse's stock could not be read, so no rule that tests stock matched";

    public PolicyVerdict {
        reasons = List.copyOf(reasons);
        rulesFired = List.copyOf(rulesFired);
    }

    /** Turns what the rules wrote into one verdict: guard rails first, then exactly one table proposal. */
    public static PolicyVerdict resolve(ClaimFacts facts, PolicyOutcome outcome, List<String> rulesFired, String policyVersion) {
        if (!outcome.escalations().isEmpty()) {
            return review(outcome.escalations(), rulesFired, policyVersion);
        }
        List<PolicyOutcome.Proposal> proposals = outcome.proposals();
        Set<DecisionAction> actions = proposals.stream().map(PolicyOutcome.Proposal::action)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (actions.isEmpty()) {
            return review(facts.allItemsInStock() == null ? List.of(NO_RULE_DECIDED, STOCK_UNKNOWN) : List.of(NO_RULE_DECIDED),
                    rulesFired, policyVersion);
        }
        if (actions.size() > 1) {
            return review(List.of("Policy rows disagree: " + actions), rulesFired, policyVersion);
        }
        return fromProposal(facts, proposals.get(0), rulesFired, policyVersion);
    }

    /** The verdict when the policy itself failed: a person decides, the customer is never dropped. */
    public static PolicyVerdict policyFailure(String problem, List<String> rulesFired, String policyVersion) {
        return review(List.of("The policy could not evaluate this claim: " + problem), rulesFired, policyVersion);
    }

    /**
     * The verdict when the policy hit an evaluation limit (too many rule firings, too long, endless recursion): it would
     * have gone on, so what it had proposed so far means nothing, and a person decides.
     */
    public static PolicyVerdict unfinished(String why, List<String> rulesFired, String policyVersion) {
        return review(List.of(DID_NOT_FINISH + why), rulesFired, policyVersion);
    }

    /** This verdict sent to a person by a money-safety limit; the rules that fired stay on record. */
    public PolicyVerdict overruled(String why) {
        String proposed = action + (amount == null ? "" : " " + amount);
        return new PolicyVerdict(DecisionAction.HUMAN_REVIEW, null, null, "under-review",
                List.of("Overruled by the money-safety limits: the policy proposed " + proposed + ". " + why),
                rulesFired, policyVersion, new Overruled(action, amount));
    }

    /**
     * This verdict held back for a person before any money is at stake: the claim's own statement of its order cannot
     * be believed ({@code claim.OrderRecords}). The reason comes first; what the policy proposed stays on record.
     */
    public PolicyVerdict heldForReview(String why) {
        if (action == DecisionAction.HUMAN_REVIEW) {
            List<String> all = new java.util.ArrayList<>(List.of(why));
            all.addAll(reasons);
            return new PolicyVerdict(action, null, null, "under-review", all, rulesFired, policyVersion, overruled);
        }
        String proposed = action + (amount == null ? "" : " " + amount);
        return new PolicyVerdict(DecisionAction.HUMAN_REVIEW, null, null, "under-review",
                List.of(why, "The policy proposed " + proposed), rulesFired, policyVersion, new Overruled(action, amount));
    }

    private static PolicyVerdict fromProposal(ClaimFacts facts, PolicyOutcome.Proposal proposal,
                                              List<String> rulesFired, String policyVersion) {
        List<String> reasons = proposal.why() == null ? List.of() : List.of(proposal.why());
        return switch (proposal.action()) {
            case REFUND -> new PolicyVerdict(DecisionAction.REFUND, new Money(facts.claimedAmount(), facts.currency()),
                    null, messageKey(proposal, "refund-issued"), reasons, rulesFired, policyVersion, null);
            case REQUEST_EVIDENCE -> proposal.deadlineHours() == null || proposal.deadlineHours() <= 0
                    ? review(List.of("The policy asks for evidence without a deadline"), rulesFired, policyVersion)
                    : new PolicyVerdict(DecisionAction.REQUEST_EVIDENCE, null,
                            facts.claimedAt().plus(Duration.ofHours(proposal.deadlineHours())),
                            messageKey(proposal, "photo-requested"), reasons, rulesFired, policyVersion, null);
            case RESHIP -> new PolicyVerdict(DecisionAction.RESHIP, null, null,
                    messageKey(proposal, "reshipment-on-its-way"), reasons, rulesFired, policyVersion, null);
            // An exchange needs a variant to send: a row that exchanges a claim asking for none sends it to a person.
            case EXCHANGE -> !facts.exchangeRequested()
                    ? review(List.of(NO_EXCHANGE_ASKED), rulesFired, policyVersion)
                    : new PolicyVerdict(DecisionAction.EXCHANGE, null, null,
                            messageKey(proposal, "exchange-on-its-way"), reasons, rulesFired, policyVersion, null);
            case DENY -> new PolicyVerdict(DecisionAction.DENY, null, null,
                    messageKey(proposal, "denied"), reasons, rulesFired, policyVersion, null);
            case HUMAN_REVIEW -> new PolicyVerdict(DecisionAction.HUMAN_REVIEW, null, null,
                    messageKey(proposal, "under-review"), reasons, rulesFired, policyVersion, null);
        };
    }

    private static PolicyVerdict review(List<String> reasons, List<String> rulesFired, String policyVersion) {
        return new PolicyVerdict(DecisionAction.HUMAN_REVIEW, null, null, "under-review", reasons, rulesFired, policyVersion, null);
    }

    private static String messageKey(PolicyOutcome.Proposal proposal, String fallback) {
        return proposal.messageKey() == null || proposal.messageKey().isBlank() ? fallback : proposal.messageKey();
    }
}

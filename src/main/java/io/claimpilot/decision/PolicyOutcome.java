package io.claimpilot.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * The scratch pad that rules write to during one evaluation; the global {@code outcome} in every rule file.
 * Decision-table rows propose an action, guard rails escalate. {@link PolicyVerdict} turns the pad into
 * one verdict, in Java, so a guard rail always wins over a table row and conflicting rows never guess.
 */
public final class PolicyOutcome {

    private final List<Proposal> proposals = new ArrayList<>();
    private final List<String> escalations = new ArrayList<>();
    private Proposal current;

    /** A table row's decision; the columns that follow it (deadline, message, why) refine this proposal. */
    public void decide(DecisionAction action) {
        current = new Proposal(action);
        proposals.add(current);
    }

    public void setDeadlineHours(int hours) {
        requireProposal("a deadline").deadlineHours = hours;
    }

    public void setMessageKey(String messageKey) {
        requireProposal("a customer message").messageKey = messageKey;
    }

    public void explain(String why) {
        requireProposal("an explanation").why = why;
    }

    /** A guard rail: whatever else matched, a person must look at this claim. */
    public void escalate(String why) {
        escalations.add(why);
    }

    public List<Proposal> proposals() {
        return List.copyOf(proposals);
    }

    public List<String> escalations() {
        return List.copyOf(escalations);
    }

    private Proposal requireProposal(String what) {
        if (current == null) {
            throw new IllegalStateException("A rule sets " + what + " before it decides an action");
        }
        return current;
    }

    /** One proposal from one rule. */
    public static final class Proposal {
        private final DecisionAction action;
        private Integer deadlineHours;
        private String messageKey;
        private String why;

        Proposal(DecisionAction action) {
            this.action = action;
        }

        public DecisionAction action() {
            return action;
        }

        public Integer deadlineHours() {
            return deadlineHours;
        }

        public String messageKey() {
            return messageKey;
        }

        public String why() {
            return why;
        }
    }
}

package io.claimpilot.action;

/** The explanation of one decision, posted for the agents as an internal note in the claim's helpdesk ticket. */
public record HelpdeskNote(String claimId, long decisionId) {

    public static final String ACTION = "HELPDESK_NOTE";
}

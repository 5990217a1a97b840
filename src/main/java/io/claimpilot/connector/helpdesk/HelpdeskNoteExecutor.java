package io.claimpilot.connector.helpdesk;

import io.claimpilot.action.HelpdeskNote;
import io.claimpilot.decision.Decision;
import io.claimpilot.message.CustomerMessages;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * {@code HELPDESK_NOTE}: explains a decision to the agents, as an internal note in the claim's helpdesk ticket:
 * what was decided and why, the rules that fired, the policy version, and a link to the claim in the console.
 */
@ApplicationScoped
public class HelpdeskNoteExecutor implements ActionExecutor<HelpdeskNote> {

    @ConfigProperty(name = "claimpilot.helpdesk.console-url", defaultValue = "http://localhost:8080")
    String consoleUrl;

    @Inject
    CustomerMessages messages;
    @Inject
    HelpdeskTickets helpdesk;

    @Override
    public String action() {
        return HelpdeskNote.ACTION;
    }

    @Override
    public Class<HelpdeskNote> payloadType() {
        return HelpdeskNote.class;
    }

    @Override
    public boolean callsOut(HelpdeskNote payload) {
        return !(helpdesk.helpdesk() instanceof SandboxHelpdesk);
    }

    @Override
    public ActionResult execute(OutboxEntry entry, HelpdeskNote payload) {
        Decision decision = decision(entry, payload.decisionId());
        CustomerMessages.Addressee claim = messages.addressee(entry.claimId);
        Helpdesk.Post note = new Helpdesk.Post(claim.claimId(), "ClaimPilot: " + decision.action + " for claim " + claim.claimId(),
                note(claim, decision), false, CustomerMessages.tags(decision.action.name(), claim.reason()));
        Helpdesk.Posted posted = helpdesk.post(new Helpdesk.Requester(claim.email(), claim.name()),
                note, entry.idempotencyKey);
        return ActionResult.done(posted.reference(), Map.of("ticketId", posted.ticketId(), "decisionId", decision.id,
                "helpdesk", helpdesk.helpdesk().name()));
    }

    /** The note an agent reads in the ticket: plain text, no customer data beyond what the ticket already has. */
    String note(CustomerMessages.Addressee claim, Decision decision) {
        StringBuilder note = new StringBuilder();
        note.append("ClaimPilot decided: ").append(decision.action);
        if (decision.money() != null) {
            note.append(' ').append(decision.money());
        }
        note.append("\nClaim ").append(claim.claimId()).append(", order ").append(claim.orderId()).append(", reason ")
                .append(claim.reason()).append(", claimed ").append(claim.claimed());
        line(note, "Why", decision.reasons == null || decision.reasons.isEmpty() ? null : String.join("; ", decision.reasons));
        line(note, "Rules fired", decision.rulesFired == null || decision.rulesFired.isEmpty() ? "none (decided outside the policy)"
                : String.join("; ", decision.rulesFired));
        line(note, "Policy version", decision.policyVersion);
        line(note, "Decided by", decision.decidedBy + " at " + decision.decidedAt);
        line(note, "Deadline", decision.deadline == null ? null : decision.deadline.toString());
        line(note, "Agent note", decision.note);
        line(note, "Console", consoleUrl.replaceAll("/+$", "") + "/console/claims/" + claim.claimId());
        return note.toString();
    }

    private static void line(StringBuilder note, String label, String value) {
        if (value != null && !value.isBlank()) {
            note.append('\n').append(label).append(": ").append(value);
        }
    }

    private static Decision decision(OutboxEntry entry, long decisionId) {
        Decision decision = QuarkusTransaction.joiningExisting().call(() -> Decision.<Decision>findById(decisionId));
        if (decision == null || !decision.claimId.equals(entry.claimId)) {
            throw ActionFailure.permanent("Decision " + decisionId + " of claim " + entry.claimId + " does not exist", null);
        }
        return decision;
    }
}

package io.claimpilot.connector.helpdesk;

import java.util.List;

/**
 * The shop's helpdesk (Zendesk, Gorgias, or the sandbox): one ticket per claim, holding the public replies the
 * customer receives and the internal notes agents read. Failures are {@link io.claimpilot.outbox.ActionFailure}s.
 */
public interface Helpdesk {

    /** The configuration name: {@code sandbox}, {@code zendesk} or {@code gorgias}. */
    String name();

    /** Opens the claim's ticket with this post as its first message; the ticket id comes back in the result. */
    Posted openTicket(Requester requester, Post post, String idempotencyKey);

    /** Adds the post to the ticket, and its tags to the ticket's. */
    Posted addToTicket(String ticketId, Requester requester, Post post, String idempotencyKey);

    /** The customer the ticket is with. The e-mail may be null when the claim has none (notes only). */
    record Requester(String email, String name) {
    }

    /**
     * A public reply (sent to the customer) or an internal note (agents only).
     *
     * @param tags added to the ticket: {@code claimpilot}, the action, the reason
     */
    record Post(String claimId, String subject, String body, boolean isPublic, List<String> tags) {
    }

    /** Where the post landed: the ticket, and the provider's id for the message (null when it gives none). */
    record Posted(String ticketId, String messageId) {
        public String reference() {
            return messageId == null ? ticketId : ticketId + "/" + messageId;
        }
    }
}

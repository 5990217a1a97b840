package io.claimpilot.connector.helpdesk;

import java.util.List;

/**
 * A message in a helpdesk ticket, as ClaimPilot reads it for evidence: its text and its attachments.
 *
 * @param fromCustomer false for an agent's reply, an internal note, or ClaimPilot's own posts: only customers' replies
 *                     are read as evidence
 */
public record HelpdeskReply(String messageId, String text, boolean fromCustomer, List<Attachment> attachments) {

    public HelpdeskReply {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * A file attached to the message, as the helpdesk describes it. The declared type and size are the helpdesk's
     * word, used only to skip what is plainly not a photo; a photo's type is checked again from its content.
     *
     * @param size in bytes, or null when the helpdesk does not say
     */
    public record Attachment(String id, String contentType, Long size, String url) {

        public boolean declaredImage() {
            return contentType == null || contentType.isBlank() || contentType.strip().toLowerCase(java.util.Locale.ROOT).startsWith("image/");
        }
    }
}

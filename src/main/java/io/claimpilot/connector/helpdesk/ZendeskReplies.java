package io.claimpilot.connector.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a customer's comment in a Zendesk ticket ({@code GET /api/v2/tickets/{id}/comments.json}, newest first: the
 * webhook's comment is among the latest) and downloads its attachments from Zendesk's hosts only.
 */
public final class ZendeskReplies {

    private final ZendeskApi api;
    private final String authorization;
    private final AttachmentDownloads downloads;

    public ZendeskReplies(String baseUrl, String email, String apiToken, List<String> attachmentDomains, Duration timeout) {
        this.api = new ProviderEndpoint(baseUrl, timeout, timeout).restClient(ZendeskApi.class);
        this.authorization = ProviderEndpoint.basicAuth(email + "/token", apiToken);
        this.downloads = new AttachmentDownloads(baseUrl, attachmentDomains, authorization, timeout);
    }

    /** The comment, or empty when Zendesk no longer lists it in the ticket (deleted, or the ticket is gone). */
    public Optional<HelpdeskReply> comment(String ticketId, String commentId, boolean fromCustomer) {
        JsonNode answer = ProviderAnswer.read("Zendesk's comments of ticket " + ticketId,
                () -> api.comments(ticketId, authorization, "desc"));
        if (answer == null) {
            return Optional.empty();
        }
        for (JsonNode comment : answer.path("comments")) {
            if (commentId.equals(comment.path("id").asText())) {
                Set<String> thumbnails = thumbnailIds(comment.path("attachments"));
                List<HelpdeskReply.Attachment> attachments = new ArrayList<>();
                for (JsonNode attachment : comment.path("attachments")) {
                    if (thumbnails.contains(attachment.path("id").asText())) {
                        continue;
                    }
                    attachments.add(new HelpdeskReply.Attachment(attachment.path("id").asText(null),
                            attachment.path("content_type").asText(null),
                            attachment.hasNonNull("size") ? attachment.get("size").asLong() : null,
                            attachment.path("content_url").asText(null)));
                }
                String text = comment.hasNonNull("plain_body") ? comment.get("plain_body").asText() : comment.path("body").asText("");
                return Optional.of(new HelpdeskReply(commentId, text, fromCustomer && comment.path("public").asBoolean(true),
                        attachments));
            }
        }
        return Optional.empty();
    }

    /**
     * The ids of the previews Zendesk makes of an attachment ({@code thumbnails}). Zendesk may also list a thumbnail
     * beside its original, as an attachment of its own (its recorded answers do): a preview of the customer's photo is
     * not another photo, so it is left out.
     */
    private static Set<String> thumbnailIds(JsonNode attachments) {
        Set<String> ids = new HashSet<>();
        for (JsonNode attachment : attachments) {
            for (JsonNode thumbnail : attachment.path("thumbnails")) {
                if (thumbnail.hasNonNull("id")) {
                    ids.add(thumbnail.get("id").asText());
                }
            }
        }
        return ids;
    }

    public AttachmentDownloads downloads() {
        return downloads;
    }
}

package io.claimpilot.connector.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the messages of a Gorgias ticket ({@code GET /api/tickets/{id}/messages}) and downloads their attachments from
 * Gorgias's hosts only. A message is the customer's when it is not from an agent and not an internal note.
 */
public final class GorgiasReplies {

    private final GorgiasApi api;
    private final String authorization;
    private final AttachmentDownloads downloads;

    public GorgiasReplies(String baseUrl, String username, String apiKey, List<String> attachmentDomains, Duration timeout) {
        this.api = new ProviderEndpoint(baseUrl, timeout, timeout).restClient(GorgiasApi.class);
        this.authorization = ProviderEndpoint.basicAuth(username, apiKey);
        this.downloads = new AttachmentDownloads(baseUrl, attachmentDomains, authorization, timeout);
    }

    /**
     * The ticket's messages, oldest first; none when Gorgias does not know the ticket. The answer is today's
     * {@code {"data": [...]}} or, as Gorgias's published reference describes it, the bare list.
     */
    public List<HelpdeskReply> messages(String ticketId) {
        JsonNode answer = ProviderAnswer.read("Gorgias's messages of ticket " + ticketId, () -> api.messages(ticketId, authorization));
        List<HelpdeskReply> replies = new ArrayList<>();
        if (answer == null) {
            return replies;
        }
        // Today's API wraps the list in {"data": [...], "meta": {...}}; Gorgias's published reference gives it bare.
        JsonNode list = answer.isArray() ? answer : answer.path("data");
        for (JsonNode message : list) {
            if (!message.hasNonNull("id")) {
                continue;
            }
            List<HelpdeskReply.Attachment> attachments = new ArrayList<>();
            for (JsonNode attachment : message.path("attachments")) {
                attachments.add(new HelpdeskReply.Attachment(attachment.path("name").asText(null),
                        attachment.path("content_type").asText(null),
                        attachment.hasNonNull("size") ? attachment.get("size").asLong() : null,
                        attachment.path("url").asText(null)));
            }
            boolean internal = "internal-note".equals(message.path("channel").asText())
                    || "internal-note".equals(message.path("source").path("type").asText());
            boolean fromCustomer = !message.path("from_agent").asBoolean(false) && !internal;
            replies.add(new HelpdeskReply(message.get("id").asText(), message.path("body_text").asText(""), fromCustomer,
                    attachments));
        }
        return replies;
    }

    public AttachmentDownloads downloads() {
        return downloads;
    }
}

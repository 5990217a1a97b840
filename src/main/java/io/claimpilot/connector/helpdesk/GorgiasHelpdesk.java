package io.claimpilot.connector.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gorgias: {@code POST /api/tickets} opens the claim's ticket with its first message, {@code POST
 * /api/tickets/{id}/messages} adds an e-mail to the customer (channel {@code email}) or an internal note (channel
 * {@code internal-note}), and {@code POST /api/tickets/{id}/tags} adds the tags. Basic authentication with the
 * account's e-mail and API key. Outgoing e-mails are sent from the support address.
 */
public final class GorgiasHelpdesk implements Helpdesk {

    static final String PROVIDER = "Gorgias";

    private final GorgiasApi api;
    private final String authorization;
    private final String supportEmail;
    private final Clock clock;

    public GorgiasHelpdesk(String baseUrl, String username, String apiKey, String supportEmail, Duration timeout, Clock clock) {
        this.api = new ProviderEndpoint(baseUrl, timeout, timeout).restClient(GorgiasApi.class);
        this.authorization = ProviderEndpoint.basicAuth(username, apiKey);
        this.supportEmail = supportEmail;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "gorgias";
    }

    @Override
    public Posted openTicket(Requester requester, Post post, String idempotencyKey) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        if (requester.email() != null) {
            ticket.put("customer", person(requester));
        }
        ticket.put("external_id", post.claimId());
        ticket.put("subject", post.subject());
        ticket.put("channel", post.isPublic() ? "email" : "api");
        ticket.put("via", "api");
        ticket.put("from_agent", true);
        ticket.put("tags", post.tags().stream().map(tag -> Map.of("name", tag)).toList());
        ticket.put("messages", List.of(message(requester, post)));
        // Gorgias has no idempotency key: the outbox records each post once it is done (docs/integrations.md).
        JsonNode answer = ProviderAnswer.call(PROVIDER, () -> api.createTicket(authorization, ticket)).requireOk(PROVIDER, clock);
        if (!answer.hasNonNull("id")) {
            throw ActionFailure.permanent("Gorgias created no ticket: its answer has no id", null);
        }
        JsonNode first = answer.path("messages").path(0).path("id");
        return new Posted(answer.get("id").asText(), first.isMissingNode() || first.isNull() ? null : first.asText());
    }

    @Override
    public Posted addToTicket(String ticketId, Requester requester, Post post, String idempotencyKey) {
        JsonNode answer = ProviderAnswer.call(PROVIDER, () -> api.addMessage(ticketId, authorization, message(requester, post)))
                .requireOk(PROVIDER, clock);
        ProviderAnswer.call(PROVIDER, () -> api.addTags(ticketId, authorization, Map.of("names", post.tags())))
                .requireOk(PROVIDER, clock);
        return new Posted(ticketId, answer.hasNonNull("id") ? answer.get("id").asText() : null);
    }

    private Map<String, Object> message(Requester requester, Post post) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", post.isPublic() ? "email" : "internal-note");
        message.put("via", "api");
        message.put("from_agent", true);
        message.put("sender", Map.of("email", supportEmail));
        if (post.isPublic()) {
            message.put("receiver", Map.of("email", requester.email()));
            message.put("source", Map.of("type", "email", "from", Map.of("address", supportEmail),
                    "to", List.of(Map.of("address", requester.email()))));
            message.put("subject", post.subject());
        } else {
            message.put("source", Map.of("type", "internal-note"));
        }
        message.put("body_text", post.body());
        message.put("body_html", html(post.body()));
        return message;
    }

    private static Map<String, Object> person(Requester requester) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("email", requester.email());
        if (requester.name() != null) {
            person.put("name", requester.name());
        }
        return person;
    }

    /** The plain text as HTML paragraphs, escaped. */
    static String html(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        StringBuilder html = new StringBuilder();
        for (String paragraph : escaped.split("\\n\\s*\\n")) {
            html.append("<p>").append(paragraph.strip().replace("\n", "<br>")).append("</p>");
        }
        return html.toString();
    }
}

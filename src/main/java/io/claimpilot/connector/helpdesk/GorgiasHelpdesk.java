package io.claimpilot.connector.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

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
        GorgiasApi.Ticket ticket = new GorgiasApi.Ticket(
                requester.email() == null ? null : new GorgiasApi.Person(requester.email(), requester.name()),
                post.claimId(), post.subject(), post.isPublic() ? "email" : "api", "api", true,
                post.tags().stream().map(GorgiasApi.Tag::new).toList(), List.of(message(requester, post)));
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
        ProviderAnswer.call(PROVIDER, () -> api.addTags(ticketId, authorization, new GorgiasApi.Tags(post.tags())))
                .requireOk(PROVIDER, clock);
        return new Posted(ticketId, answer.hasNonNull("id") ? answer.get("id").asText() : null);
    }

    private GorgiasApi.Message message(Requester requester, Post post) {
        GorgiasApi.Person sender = new GorgiasApi.Person(supportEmail, null);
        if (!post.isPublic()) {
            return new GorgiasApi.Message("internal-note", "api", true, sender, null,
                    new GorgiasApi.Source("internal-note", null, null), null, post.body(), html(post.body()));
        }
        return new GorgiasApi.Message("email", "api", true, sender, new GorgiasApi.Person(requester.email(), null),
                new GorgiasApi.Source("email", new GorgiasApi.Address(supportEmail), List.of(new GorgiasApi.Address(requester.email()))),
                post.subject(), post.body(), html(post.body()));
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

package io.claimpilot.connector.helpdesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.outbox.ActionFailure;

import java.time.Clock;
import java.time.Duration;

/**
 * Zendesk Support: {@code POST /api/v2/tickets.json} opens the claim's ticket (requester by e-mail),
 * {@code PUT /api/v2/tickets/{id}.json} adds a comment ({@code public} true for the customer, false for an internal
 * note) and {@code PUT /api/v2/tickets/{id}/tags.json} adds the tags. Basic authentication with
 * {@code {email}/token:{api token}}; every write carries the action's {@code Idempotency-Key}.
 */
public final class ZendeskHelpdesk implements Helpdesk {

    static final String PROVIDER = "Zendesk";

    private final ZendeskApi api;
    private final String authorization;
    private final Clock clock;

    public ZendeskHelpdesk(String baseUrl, String email, String apiToken, Duration timeout, Clock clock) {
        this.api = new ProviderEndpoint(baseUrl, timeout, timeout).restClient(ZendeskApi.class);
        this.authorization = ProviderEndpoint.basicAuth(email + "/token", apiToken);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "zendesk";
    }

    @Override
    public Posted openTicket(Requester requester, Post post, String idempotencyKey) {
        ZendeskApi.Person person = requester.email() == null ? null : new ZendeskApi.Person(requester.email(), requester.name());
        ZendeskApi.TicketBody ticket = new ZendeskApi.TicketBody(new ZendeskApi.Ticket(post.subject(), comment(post), person,
                post.claimId(), post.tags()));
        JsonNode answer = ProviderAnswer.call(PROVIDER, () -> api.createTicket(authorization, idempotencyKey, ticket))
                .requireOk(PROVIDER, clock);
        JsonNode id = answer.path("ticket").path("id");
        if (id.isMissingNode() || id.isNull()) {
            throw ActionFailure.permanent("Zendesk created no ticket: its answer has no ticket.id", null);
        }
        return new Posted(id.asText(), commentId(answer));
    }

    @Override
    public Posted addToTicket(String ticketId, Requester requester, Post post, String idempotencyKey) {
        ZendeskApi.TicketBody comment = new ZendeskApi.TicketBody(ZendeskApi.Ticket.commentOnly(comment(post)));
        JsonNode answer = ProviderAnswer.call(PROVIDER, () -> api.updateTicket(ticketId, authorization, idempotencyKey, comment))
                .requireOk(PROVIDER, clock);
        // Adding tags that are already there changes nothing, so this call is safe to repeat.
        ProviderAnswer.call(PROVIDER, () -> api.addTags(ticketId, authorization, new ZendeskApi.Tags(post.tags())))
                .requireOk(PROVIDER, clock);
        return new Posted(ticketId, commentId(answer));
    }

    private static ZendeskApi.Comment comment(Post post) {
        return new ZendeskApi.Comment(post.body(), post.isPublic());
    }

    /** The comment's id, from the audit Zendesk returns with the ticket. */
    private static String commentId(JsonNode answer) {
        for (JsonNode event : answer.path("audit").path("events")) {
            if ("Comment".equals(event.path("type").asText()) && event.hasNonNull("id")) {
                return event.get("id").asText();
            }
        }
        return null;
    }
}

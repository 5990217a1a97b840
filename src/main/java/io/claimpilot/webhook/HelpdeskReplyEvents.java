package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.common.ApiProblem;

import java.util.regex.Pattern;

/**
 * The helpdesk events that carry a customer's reply, read at the door (a body ClaimPilot cannot use is refused naming
 * the field, and nothing is stored) and again by the job:
 * <ul>
 *   <li>Zendesk's {@code zen:event-type:ticket.comment_added} event webhook: the ticket in {@code detail.id}, the
 *       comment in {@code event.comment} ({@code id}, {@code body}, {@code is_public}, {@code author.is_staff});</li>
 *   <li>the Gorgias HTTP integration on "ticket message created", with the body docs/integrations.md gives:
 *       {@code {"event": "ticket-message-created", "ticket_id": "{{ticket.id}}", "message_id": "{{message.id}}",
 *       "last_message_datetime": "{{ticket.last_message_datetime}}"}}.</li>
 * </ul>
 */
final class HelpdeskReplyEvents {

    static final String ZENDESK_COMMENT_ADDED = "zen:event-type:ticket.comment_added";
    static final String GORGIAS_MESSAGE_CREATED = "ticket-message-created";
    /** The topic reply deliveries are stored under (satisfaction ones under {@link SatisfactionSurveys#TOPIC}). */
    static final String TOPIC = "reply";
    /** Ids go into the path of the helpdesk's API: digits, letters, '-' and '_' only. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private HelpdeskReplyEvents() {
    }

    /** A comment added to a Zendesk ticket; {@code fromCustomer} is false for internal notes and agents' comments. */
    record ZendeskComment(String ticketId, String commentId, boolean fromCustomer, String text) {
    }

    /** A message created in a Gorgias ticket: one message, or (without its id) the ticket's unread ones. */
    record GorgiasMessage(String ticketId, String messageId, String lastMessageAt) {
        String deliveryId() {
            return WebhookSignatures.sha256Hex(String.join("\n", GORGIAS_MESSAGE_CREATED, ticketId,
                    String.valueOf(messageId), String.valueOf(lastMessageAt)));
        }
    }

    static boolean isZendeskComment(JsonNode body) {
        return ZENDESK_COMMENT_ADDED.equals(Json.text(body, "type"));
    }

    static boolean isGorgiasMessage(JsonNode body) {
        return GORGIAS_MESSAGE_CREATED.equals(Json.text(body, "event"));
    }

    static ZendeskComment zendeskComment(JsonNode body) {
        String ticketId = id("detail.id", Json.text(body.path("detail"), "id"));
        JsonNode comment = body.path("event").path("comment");
        String commentId = id("event.comment.id", Json.text(comment, "id"));
        boolean isPublic = comment.path("is_public").asBoolean(false);
        boolean byStaff = comment.path("author").path("is_staff").asBoolean(false);
        String text = Json.text(comment, "body");
        return new ZendeskComment(ticketId, commentId, isPublic && !byStaff, text == null ? "" : text);
    }

    static GorgiasMessage gorgiasMessage(JsonNode body) {
        String ticketId = id("ticket_id", template(body, "ticket_id"));
        String messageId = template(body, "message_id");
        if (messageId != null) {
            id("message_id", messageId);
        }
        String lastMessageAt = template(body, "last_message_datetime");
        if (messageId == null && lastMessageAt == null) {
            throw ApiProblem.invalidField("message_id", "is required (or last_message_datetime): each new message must be"
                    + " a delivery of its own");
        }
        return new GorgiasMessage(ticketId, messageId, lastMessageAt);
    }

    private static String id(String field, String value) {
        if (value == null || !ID.matcher(value.strip()).matches()) {
            throw ApiProblem.invalidField(field, "is required: the helpdesk's id, letters, digits, '-' or '_' only");
        }
        return value.strip();
    }

    /** A value Gorgias rendered from a template: a missing one is empty or {@code None}. */
    private static String template(JsonNode body, String field) {
        String text = Json.text(body, field);
        return text == null || text.strip().equals("None") || text.strip().equals("null") ? null : text.strip();
    }
}

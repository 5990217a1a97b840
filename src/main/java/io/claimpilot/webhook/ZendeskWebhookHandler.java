package io.claimpilot.webhook;

import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.helpdesk.HelpdeskReply;
import io.claimpilot.connector.helpdesk.HelpdeskReplySources;
import io.claimpilot.connector.helpdesk.HelpdeskTicket;
import io.claimpilot.connector.helpdesk.ZendeskReplies;
import io.claimpilot.feedback.CsatSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Zendesk: satisfaction ratings, sent by the shop's trigger, to the CSAT of the claim whose ticket was rated; and
 * comments added to a claim's ticket (the comment-added event webhook), whose photos and tracking numbers become the
 * claim's evidence ({@link HelpdeskReplyEvidence}).
 */
@ApplicationScoped
public class ZendeskWebhookHandler implements WebhookHandler {

    /** The provider name of deliveries, and of Zendesk tickets in helpdesk_ticket. */
    public static final String PROVIDER = "zendesk";

    @Inject
    SatisfactionSurveys surveys;
    @Inject
    HelpdeskReplyEvidence evidence;
    @Inject
    HelpdeskReplySources sources;

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String handle(WebhookDelivery delivery) {
        if (HelpdeskReplyEvents.TOPIC.equals(delivery.topic)) {
            return comment(HelpdeskReplyEvents.zendeskComment(Json.read(delivery.body)));
        }
        return SatisfactionSurveys.zendesk(Json.read(delivery.body))
                .map(answer -> surveys.record(PROVIDER, CsatSource.ZENDESK, answer))
                .orElse("No rating yet (offered or unoffered): nothing recorded");
    }

    private String comment(HelpdeskReplyEvents.ZendeskComment comment) {
        Optional<String> claimId = HelpdeskTicket.claimOf(PROVIDER, comment.ticketId());
        if (claimId.isEmpty()) {
            return "No claim for zendesk ticket " + comment.ticketId() + ": nothing read";
        }
        if (!comment.fromCustomer()) {
            return "Comment " + comment.commentId() + " is an internal note or an agent's: nothing read";
        }
        if (evidence.wasRead(PROVIDER, comment.commentId())) {
            return "Comment " + comment.commentId() + " was read before: nothing added";
        }
        Optional<ZendeskReplies> zendesk = sources.zendesk();
        HelpdeskReply fromEvent = new HelpdeskReply(comment.commentId(), comment.text(), true, List.of());
        if (zendesk.isEmpty()) {
            return evidence.read(PROVIDER, claimId.get(), fromEvent, null)
                    + " (attachments not read: claimpilot.helpdesk.zendesk.url, .email and .api-token are not set)";
        }
        HelpdeskReply reply;
        try {
            reply = zendesk.get().comment(comment.ticketId(), comment.commentId(), true).orElse(fromEvent);
        } catch (ProviderAnswer.Unreadable e) {
            throw HelpdeskReplyEvidence.unreadable(e);
        }
        return evidence.read(PROVIDER, claimId.get(), reply, zendesk.get().downloads());
    }
}

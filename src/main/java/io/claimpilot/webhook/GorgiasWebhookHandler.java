package io.claimpilot.webhook;

import io.claimpilot.connector.ProviderAnswer;
import io.claimpilot.connector.helpdesk.GorgiasReplies;
import io.claimpilot.connector.helpdesk.HelpdeskReply;
import io.claimpilot.connector.helpdesk.HelpdeskReplySources;
import io.claimpilot.connector.helpdesk.HelpdeskTicket;
import io.claimpilot.feedback.CsatSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gorgias, from the shop's HTTP integrations: satisfaction surveys to the CSAT of the claim whose ticket was rated;
 * and messages created in a claim's ticket, whose photos and tracking numbers become the claim's evidence
 * ({@link HelpdeskReplyEvidence}). Gorgias's webhook carries only ids, so the messages are read through its API.
 */
@ApplicationScoped
public class GorgiasWebhookHandler implements WebhookHandler {

    /** The provider name of deliveries, and of Gorgias tickets in helpdesk_ticket. */
    public static final String PROVIDER = "gorgias";

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
            return message(HelpdeskReplyEvents.gorgiasMessage(Json.read(delivery.body)));
        }
        return SatisfactionSurveys.gorgias(Json.read(delivery.body))
                .map(answer -> surveys.record(PROVIDER, CsatSource.GORGIAS, answer))
                .orElse("No scored survey on the ticket: nothing recorded");
    }

    /** The message named, or without a name every customer's message of the ticket not read yet. */
    private String message(HelpdeskReplyEvents.GorgiasMessage created) {
        Optional<String> claimId = HelpdeskTicket.claimOf(PROVIDER, created.ticketId());
        if (claimId.isEmpty()) {
            return "No claim for gorgias ticket " + created.ticketId() + ": nothing read";
        }
        Optional<GorgiasReplies> gorgias = sources.gorgias();
        if (gorgias.isEmpty()) {
            throw new WebhookRejected("claimpilot.helpdesk.gorgias.url, .username and .api-key are not set:"
                    + " the ticket's messages cannot be read");
        }
        List<HelpdeskReply> messages;
        try {
            messages = gorgias.get().messages(created.ticketId());
        } catch (ProviderAnswer.Unreadable e) {
            throw HelpdeskReplyEvidence.unreadable(e);
        }
        List<String> outcomes = new ArrayList<>();
        for (HelpdeskReply message : messages) {
            if ((created.messageId() == null || created.messageId().equals(message.messageId())) && message.fromCustomer()
                    && !evidence.wasRead(PROVIDER, message.messageId())) {
                outcomes.add(evidence.read(PROVIDER, claimId.get(), message, gorgias.get().downloads()));
            }
        }
        return outcomes.isEmpty() ? "No customer's message to read in gorgias ticket " + created.ticketId()
                : String.join(" | ", outcomes);
    }
}

package io.claimpilot.webhook;

import io.claimpilot.feedback.CsatSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Gorgias satisfaction surveys, sent by the shop's HTTP integration, to the CSAT of the claim whose ticket was rated. */
@ApplicationScoped
public class GorgiasWebhookHandler implements WebhookHandler {

    /** The provider name of deliveries, and of Gorgias tickets in helpdesk_ticket. */
    public static final String PROVIDER = "gorgias";

    @Inject
    SatisfactionSurveys surveys;

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String handle(WebhookDelivery delivery) {
        return SatisfactionSurveys.gorgias(Json.read(delivery.body))
                .map(answer -> surveys.record(PROVIDER, CsatSource.GORGIAS, answer))
                .orElse("No scored survey on the ticket: nothing recorded");
    }
}

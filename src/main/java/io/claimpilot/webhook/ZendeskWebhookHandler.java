package io.claimpilot.webhook;

import io.claimpilot.feedback.CsatSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Zendesk satisfaction ratings, sent by the shop's trigger, to the CSAT of the claim whose ticket was rated. */
@ApplicationScoped
public class ZendeskWebhookHandler implements WebhookHandler {

    /** The provider name of deliveries, and of Zendesk tickets in helpdesk_ticket. */
    public static final String PROVIDER = "zendesk";

    @Inject
    SatisfactionSurveys surveys;

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String handle(WebhookDelivery delivery) {
        return SatisfactionSurveys.zendesk(Json.read(delivery.body))
                .map(answer -> surveys.record(PROVIDER, CsatSource.ZENDESK, answer))
                .orElse("No rating yet (offered or unoffered): nothing recorded");
    }
}

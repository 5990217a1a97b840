package io.claimpilot.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.flow.ClaimIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/** A warehouse {@code RETURN_SCANNED} event becomes a {@code RETURN_SCANNED} claim through the ordinary intake. */
@ApplicationScoped
public class WmsWebhookHandler implements WebhookHandler {

    public static final String PROVIDER = "wms";
    /** The intake caller of claims made from warehouse events. */
    public static final String CALLER = "wms";

    @Inject
    ClaimIntake claims;
    @Inject
    ObjectMapper mapper;

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String handle(WebhookDelivery delivery) {
        WmsReturnScanned event = read(mapper, delivery.body);
        event.checkEnvelope();
        var submission = claims.submit(CALLER, event.toClaim());
        return (submission.created() ? "Created claim " : "Claim already existed: ") + submission.claim().id();
    }

    static WmsReturnScanned read(ObjectMapper mapper, byte[] body) {
        try {
            return mapper.readValue(body, WmsReturnScanned.class);
        } catch (IOException e) {
            throw new WebhookRejected("The body is not a RETURN_SCANNED event", e);
        }
    }
}

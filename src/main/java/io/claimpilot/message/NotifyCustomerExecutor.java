package io.claimpilot.message;

import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * {@code NOTIFY_CUSTOMER}: writes to the customer, as a public reply in the claim's helpdesk ticket. The payload
 * names the {@link MessageSituation} and what it needs ({@code trackingNumber}, {@code carrier}, {@code deadline},
 * {@code amount}, {@code currency}).
 */
@ApplicationScoped
public class NotifyCustomerExecutor implements ActionExecutor {

    public static final String ACTION = "NOTIFY_CUSTOMER";

    @Inject
    CustomerMessages messages;

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public ActionResult execute(OutboxEntry entry) {
        Map<String, Object> payload = entry.payload == null ? Map.of() : entry.payload;
        MessageSituation situation = situation(payload.get("situation"));
        CustomerMessage sent = messages.send(entry.claimId, situation, payload, entry.idempotencyKey);
        return ActionResult.done(sent.providerReference, Map.of("messageId", sent.id, "situation", sent.situation.name(),
                "locale", sent.locale, "channel", sent.channel));
    }

    private static MessageSituation situation(Object value) {
        try {
            return MessageSituation.valueOf(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw ActionFailure.permanent("'" + value + "' is not a message situation", e);
        }
    }
}

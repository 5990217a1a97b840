package io.claimpilot.message;

import io.claimpilot.action.CustomerNotice;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code NOTIFY_CUSTOMER}: writes to the customer, as a public reply in the claim's helpdesk ticket. */
@ApplicationScoped
public class NotifyCustomerExecutor implements ActionExecutor<CustomerNotice> {

    @Inject
    CustomerMessages messages;

    @Override
    public String action() {
        return CustomerNotice.ACTION;
    }

    @Override
    public Class<CustomerNotice> payloadType() {
        return CustomerNotice.class;
    }

    @Override
    public ActionResult execute(OutboxEntry entry, CustomerNotice notice) {
        CustomerMessage sent = messages.send(notice, entry.idempotencyKey);
        return ActionResult.done(sent.providerReference, Map.of("messageId", sent.id, "situation", sent.situation.name(),
                "locale", sent.locale, "channel", sent.channel));
    }
}

package io.claimpilot.connector.helpdesk;

import io.claimpilot.action.CustomerNotice;
import io.claimpilot.message.CustomerMessage;
import io.claimpilot.message.CustomerMessages;
import io.claimpilot.message.RenderedMessage;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * {@code NOTIFY_CUSTOMER}: writes to the customer, as a public reply in the claim's helpdesk ticket, once per
 * idempotency key: a retried action finds the message already recorded and sends nothing.
 */
@ApplicationScoped
public class NotifyCustomerExecutor implements ActionExecutor<CustomerNotice> {

    @Inject
    CustomerMessages messages;
    @Inject
    HelpdeskTickets helpdesk;

    @Override
    public String action() {
        return CustomerNotice.ACTION;
    }

    @Override
    public Class<CustomerNotice> payloadType() {
        return CustomerNotice.class;
    }

    @Override
    public boolean callsOut(CustomerNotice notice) {
        return !(helpdesk.helpdesk() instanceof SandboxHelpdesk);
    }

    @Override
    public ActionResult execute(OutboxEntry entry, CustomerNotice notice) {
        CustomerMessage sent = messages.recorded(entry.idempotencyKey);
        if (sent == null) {
            sent = send(notice, entry.idempotencyKey);
        }
        return ActionResult.done(sent.providerReference, Map.of("messageId", sent.id, "situation", sent.situation.name(),
                "locale", sent.locale, "channel", sent.channel));
    }

    private CustomerMessage send(CustomerNotice notice, String idempotencyKey) {
        CustomerMessages.Addressee to = messages.addressee(notice.claimId());
        if (to.email() == null) {
            throw ActionFailure.permanent("Claim " + notice.claimId() + " has no customer e-mail to write to", null);
        }
        RenderedMessage message = messages.render(notice, to);
        Helpdesk.Posted posted = helpdesk.post(new Helpdesk.Requester(to.email(), to.name()),
                new Helpdesk.Post(notice.claimId(), message.subject(), message.body(), true,
                        CustomerMessages.tags(notice.situation().name(), to.reason())), idempotencyKey);
        return messages.record(notice.claimId(), notice.situation(), message, helpdesk.helpdesk().name(),
                posted.reference(), idempotencyKey);
    }
}

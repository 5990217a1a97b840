package io.claimpilot.message;

import io.claimpilot.action.CustomerNotice;
import io.claimpilot.action.MessageSituation;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimReason;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.connector.helpdesk.Helpdesk;
import io.claimpilot.connector.helpdesk.HelpdeskTickets;
import io.claimpilot.outbox.ActionFailure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes to customers through the helpdesk, in their language, and keeps what was sent. */
@ApplicationScoped
public class CustomerMessages {

    @ConfigProperty(name = "claimpilot.messages.shop-name", defaultValue = "Demo Shop")
    String shopName;

    @Inject
    MessageTemplates templates;
    @Inject
    HelpdeskTickets helpdesk;
    @Inject
    Clock clock;

    public record MessageView(long id, MessageSituation situation, String locale, String channel, String subject,
                              String body, String providerReference, Instant sentAt) {
        static MessageView of(CustomerMessage message) {
            return new MessageView(message.id, message.situation, message.locale, message.channel, message.subject,
                    message.body, message.providerReference, message.sentAt);
        }
    }

    /**
     * Sends the notice's message as a public reply in the claim's helpdesk ticket, once per idempotency key:
     * a retried action finds the message already recorded and sends nothing.
     */
    public CustomerMessage send(CustomerNotice notice, String idempotencyKey) {
        CustomerMessage earlier = recorded(idempotencyKey);
        if (earlier != null) {
            return earlier;
        }
        Addressee to = addressee(notice.claimId());
        if (to.email() == null) {
            throw ActionFailure.permanent("Claim " + notice.claimId() + " has no customer e-mail to write to", null);
        }
        RenderedMessage message;
        try {
            message = templates.render(notice.situation(), values(to, notice), to.locale());
        } catch (IllegalStateException e) {
            throw ActionFailure.permanent(e.getMessage(), e);
        }
        Helpdesk.Posted posted = helpdesk.post(new Helpdesk.Requester(to.email(), to.name()),
                new Helpdesk.Post(notice.claimId(), message.subject(), message.body(), true,
                        tags(notice.situation().name(), to.reason())), idempotencyKey);
        return record(notice.claimId(), notice.situation(), message, posted, idempotencyKey);
    }

    /** Who is written to about a claim, and what its latest decision says, read in a short transaction of its own. */
    record Addressee(String claimId, String orderId, ClaimReason reason, String email, String name, String locale,
                     Money claimed, Money decided, Instant deadline) {
    }

    Addressee addressee(String claimId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Claim claim = Claim.require(claimId);
                Decision latest = Decision.latestFor(claimId);
                return new Addressee(claim.id, claim.orderId, claim.reason, claim.customerEmail, claim.customerName,
                        claim.customerLocale, claim.claimedAmount(), latest == null ? null : latest.money(),
                        latest == null ? null : latest.deadline);
            });
        } catch (ApiProblem e) {
            throw ActionFailure.permanent(e.getMessage(), e);
        }
    }

    /** What the claim's customer was sent, oldest first. A shop sees only its own claims ({@code caller}). */
    public List<MessageView> forClaim(String claimId, String caller) {
        QuarkusTransaction.requiringNew().run(() -> Claim.visibleTo(claimId, caller));
        return QuarkusTransaction.requiringNew().call(() -> CustomerMessage.<CustomerMessage>list("claimId = ?1 order by id", claimId)
                .stream().map(MessageView::of).toList());
    }

    /** The tags of every post about a claim: {@code claimpilot}, the action (or situation) and the claim's reason. */
    static List<String> tags(String action, ClaimReason reason) {
        return List.of("claimpilot", action.toLowerCase(Locale.ROOT), reason.name().toLowerCase(Locale.ROOT));
    }

    /** The sample claim of the preview: every variable has a value. */
    MessageValues sample() {
        return new MessageValues("Alice Martin", "cl_sample", "1001", shopName, Money.of("89.90", "EUR"),
                clock.instant().plus(java.time.Duration.ofHours(48)), "1Z999AA10123456784", "UPS");
    }

    /** The notice's own amount and deadline win over the decision's: a refund issued says what was refunded. */
    private MessageValues values(Addressee to, CustomerNotice notice) {
        Money amount = notice.amount() != null ? notice.amount() : to.decided() != null ? to.decided() : to.claimed();
        Instant deadline = notice.deadline() != null ? notice.deadline() : to.deadline();
        return new MessageValues(to.name(), to.claimId(), to.orderId(), shopName, amount, deadline,
                text(notice.trackingNumber()), text(notice.carrier()));
    }

    private CustomerMessage recorded(String idempotencyKey) {
        return QuarkusTransaction.requiringNew().call(() -> CustomerMessage.<CustomerMessage>find("idempotencyKey", idempotencyKey).firstResult());
    }

    private CustomerMessage record(String claimId, MessageSituation situation, RenderedMessage message,
                                   Helpdesk.Posted posted, String idempotencyKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            CustomerMessage earlier = CustomerMessage.<CustomerMessage>find("idempotencyKey", idempotencyKey).firstResult();
            if (earlier != null) {
                return earlier;
            }
            CustomerMessage row = new CustomerMessage();
            row.claimId = claimId;
            row.situation = situation;
            row.locale = message.language();
            row.channel = helpdesk.helpdesk().name();
            row.subject = message.subject();
            row.body = message.body();
            row.providerReference = posted.reference();
            row.idempotencyKey = idempotencyKey;
            row.sentAt = clock.instant();
            row.persist();
            return row;
        });
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}

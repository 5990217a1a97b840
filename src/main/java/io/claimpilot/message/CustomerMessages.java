package io.claimpilot.message;

import io.claimpilot.claim.ClaimService;
import io.claimpilot.claim.ClaimView;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.connector.helpdesk.Helpdesk;
import io.claimpilot.connector.helpdesk.HelpdeskTickets;
import io.claimpilot.outbox.ActionFailure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes to customers through the helpdesk, in their language, and keeps what was sent. */
@ApplicationScoped
public class CustomerMessages {

    @ConfigProperty(name = "claimpilot.messages.shop-name", defaultValue = "Demo Shop")
    String shopName;

    @Inject
    ClaimService claims;
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
     * Sends the message for a situation as a public reply in the claim's helpdesk ticket, once per idempotency key:
     * a retried action finds the message already recorded and sends nothing.
     *
     * @param details what the situation adds: {@code trackingNumber}, {@code carrier}, {@code deadline} (ISO
     *                instant), {@code amount} and {@code currency}
     */
    public CustomerMessage send(String claimId, MessageSituation situation, Map<String, Object> details, String idempotencyKey) {
        CustomerMessage earlier = recorded(idempotencyKey);
        if (earlier != null) {
            return earlier;
        }
        ClaimView claim = claim(claimId);
        if (claim.customer() == null || claim.customer().email() == null) {
            throw ActionFailure.permanent("Claim " + claimId + " has no customer e-mail to write to", null);
        }
        RenderedMessage message;
        try {
            message = templates.render(situation, values(claim, details), claim.customer().locale());
        } catch (IllegalStateException e) {
            throw ActionFailure.permanent(e.getMessage(), e);
        }
        Helpdesk.Posted posted = helpdesk.post(new Helpdesk.Requester(claim.customer().email(), claim.customer().name()),
                new Helpdesk.Post(claimId, message.subject(), message.body(), true, tags(situation.name(), claim)), idempotencyKey);
        return record(claimId, situation, message, posted, idempotencyKey);
    }

    /** What the claim's customer was sent, oldest first. A shop sees only its own claims ({@code caller}). */
    public List<MessageView> forClaim(String claimId, String caller) {
        claims.get(claimId, caller);
        return QuarkusTransaction.requiringNew().call(() -> CustomerMessage.<CustomerMessage>list("claimId = ?1 order by id", claimId)
                .stream().map(MessageView::of).toList());
    }

    /** The tags of every post about a claim: {@code claimpilot}, the action (or situation) and the claim's reason. */
    static List<String> tags(String action, ClaimView claim) {
        return List.of("claimpilot", action.toLowerCase(Locale.ROOT), claim.reason().name().toLowerCase(Locale.ROOT));
    }

    /** The sample claim of the preview: every variable has a value. */
    MessageValues sample() {
        return new MessageValues("Alice Martin", "cl_sample", "1001", shopName, Money.of("89.90", "EUR"),
                clock.instant().plus(java.time.Duration.ofHours(48)), "1Z999AA10123456784", "UPS");
    }

    private MessageValues values(ClaimView claim, Map<String, Object> details) {
        Money amount = claim.amount();
        if (details.get("amount") != null) {
            amount = Money.canonical(new BigDecimal(details.get("amount").toString()),
                    details.getOrDefault("currency", claim.amount().currency()).toString());
        } else if (claim.decision() != null && claim.decision().amount() != null) {
            amount = claim.decision().amount();
        }
        Instant deadline = claim.decision() == null ? null : claim.decision().deadline();
        if (details.get("deadline") != null) {
            try {
                deadline = Instant.parse(details.get("deadline").toString());
            } catch (DateTimeParseException e) {
                throw ActionFailure.permanent("The deadline '" + details.get("deadline") + "' is not an ISO instant", e);
            }
        }
        return new MessageValues(claim.customer().name(), claim.id(), claim.orderId(), shopName, amount, deadline,
                text(details.get("trackingNumber")), text(details.get("carrier")));
    }

    private ClaimView claim(String claimId) {
        try {
            return claims.get(claimId, null);
        } catch (ApiProblem e) {
            throw ActionFailure.permanent(e.getMessage(), e);
        }
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

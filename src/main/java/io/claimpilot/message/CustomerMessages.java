package io.claimpilot.message;

import io.claimpilot.action.CustomerNotice;
import io.claimpilot.action.MessageSituation;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimReason;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.outbox.ActionFailure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What customers are told: the message for a notice, written in their language from the analysts' templates, and
 * the record of what was sent. The helpdesk connector posts it ({@code connector.helpdesk.NotifyCustomerExecutor}).
 */
@ApplicationScoped
public class CustomerMessages {

    @ConfigProperty(name = "claimpilot.messages.shop-name", defaultValue = "Demo Shop")
    String shopName;

    @Inject
    MessageTemplates templates;
    @Inject
    io.claimpilot.claimlink.ClaimLinks claimLinks;
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
     * The notice written in the customer's language, ready to post. A template that cannot render it is a permanent
     * failure: retrying renders the same.
     */
    public RenderedMessage render(CustomerNotice notice, Addressee to) {
        try {
            return templates.render(notice.situation(), values(to, notice), to.locale());
        } catch (IllegalStateException e) {
            throw ActionFailure.permanent(e.getMessage(), e);
        }
    }

    /** Who is written to about a claim, and what its latest decision says, read in a short transaction of its own. */
    public record Addressee(String claimId, String orderId, ClaimReason reason, String email, String name, String locale,
                     Money claimed, Money decided, Instant deadline) {
    }

    public Addressee addressee(String claimId) {
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
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
    public static List<String> tags(String action, ClaimReason reason) {
        return List.of("claimpilot", action.toLowerCase(Locale.ROOT), reason.name().toLowerCase(Locale.ROOT));
    }

    /** The sample claim of the preview: every variable has a value. */
    MessageValues sample() {
        return new MessageValues("Alice Martin", "cl_sample", "1001", shopName, Money.of("89.90", "EUR"),
                clock.instant().plus(java.time.Duration.ofHours(48)), "1Z999AA10123456784", "UPS",
                "https://claims.example.com/claim/cl_sample.1780000000.sample/evidence", "SHOE-42");
    }

    /** The notice's own amount and deadline win over the decision's: a refund issued says what was refunded. */
    private MessageValues values(Addressee to, CustomerNotice notice) {
        Money amount = notice.amount() != null ? notice.amount() : to.decided() != null ? to.decided() : to.claimed();
        Instant deadline = notice.deadline() != null ? notice.deadline() : to.deadline();
        // The photo request links to the upload page for this claim (off when no link signing key is set).
        String photoUpload = notice.situation() == MessageSituation.PHOTO_REQUESTED ? claimLinks.evidenceUrl(to.claimId(), deadline) : null;
        return new MessageValues(to.name(), to.claimId(), to.orderId(), shopName, amount, deadline,
                text(notice.trackingNumber()), text(notice.carrier()), photoUpload, text(notice.replacement()));
    }

    /** The message already sent under this idempotency key, if any: a retried action sends nothing twice. */
    public CustomerMessage recorded(String idempotencyKey) {
        return QuarkusTransaction.joiningExisting().call(() -> CustomerMessage.<CustomerMessage>find("idempotencyKey", idempotencyKey).firstResult());
    }

    /** Keeps what was sent, once per idempotency key; returns the row kept first. */
    public CustomerMessage record(String claimId, MessageSituation situation, RenderedMessage message, String channel,
                                  String providerReference, String idempotencyKey) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            CustomerMessage earlier = CustomerMessage.<CustomerMessage>find("idempotencyKey", idempotencyKey).firstResult();
            if (earlier != null) {
                return earlier;
            }
            CustomerMessage row = new CustomerMessage();
            row.claimId = claimId;
            row.situation = situation;
            row.locale = message.language();
            row.channel = channel;
            row.subject = message.subject();
            row.body = message.body();
            row.providerReference = providerReference;
            row.idempotencyKey = idempotencyKey;
            row.sentAt = clock.instant();
            row.persist();
            // The claim's first response, for the indicators; plain SQL on a column the claim entity does not map.
            CustomerMessage.getEntityManager().createNativeQuery(
                            "update claim set first_response_at = :at where id = :id and first_response_at is null")
                    .setParameter("at", row.sentAt).setParameter("id", claimId).executeUpdate();
            return row;
        });
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}

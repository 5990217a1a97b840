package io.claimpilot.connector.helpdesk;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts to the configured helpdesk ({@code claimpilot.helpdesk.provider}: sandbox, zendesk or gorgias), in the
 * claim's one ticket: the first post opens it, the next ones are added to it.
 */
@ApplicationScoped
public class HelpdeskTickets {

    @ConfigProperty(name = "claimpilot.helpdesk.provider", defaultValue = "sandbox")
    String provider;
    @ConfigProperty(name = "claimpilot.helpdesk.timeout", defaultValue = "10s")
    Duration timeout;
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.url")
    Optional<String> zendeskUrl;
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.email")
    Optional<String> zendeskEmail;
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.api-token")
    Optional<String> zendeskToken;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.url")
    Optional<String> gorgiasUrl;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.username")
    Optional<String> gorgiasUsername;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.api-key")
    Optional<String> gorgiasKey;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.support-email")
    Optional<String> gorgiasSupportEmail;

    @Inject
    SandboxHelpdesk sandbox;
    @Inject
    Clock clock;
    @Inject
    EntityManager em;

    private volatile Helpdesk helpdesk;

    /** A wrong provider or missing credentials stop the start, rather than the first message. */
    void onStart(@Observes StartupEvent event) {
        helpdesk = switch (provider.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "sandbox" -> sandbox;
            case "zendesk" -> new ZendeskHelpdesk(required(zendeskUrl, "zendesk.url"), required(zendeskEmail, "zendesk.email"),
                    required(zendeskToken, "zendesk.api-token"), timeout, clock);
            case "gorgias" -> new GorgiasHelpdesk(required(gorgiasUrl, "gorgias.url"), required(gorgiasUsername, "gorgias.username"),
                    required(gorgiasKey, "gorgias.api-key"), required(gorgiasSupportEmail, "gorgias.support-email"), timeout, clock);
            default -> throw new IllegalStateException("claimpilot.helpdesk.provider is '" + provider
                    + "'; it must be sandbox, zendesk or gorgias");
        };
    }

    /** The helpdesk in use. */
    public Helpdesk helpdesk() {
        return helpdesk;
    }

    /** Uses another helpdesk from now on: tests point it at a fake provider. */
    public void use(Helpdesk other) {
        helpdesk = other;
    }

    /**
     * Posts in the claim's ticket, opening it with this post when the claim has none yet. Opening is serialised per
     * claim (a reply and a note decided together still share one ticket), and the ticket id is stored only once the
     * helpdesk has created it.
     */
    public Helpdesk.Posted post(Helpdesk.Requester requester, Helpdesk.Post post, String idempotencyKey) {
        Helpdesk current = helpdesk;
        Optional<String> ticket = QuarkusTransaction.requiringNew().call(() -> ticketOf(post.claimId(), current));
        if (ticket.isPresent()) {
            return current.addToTicket(ticket.get(), requester, post, idempotencyKey);
        }
        Helpdesk.Posted opened = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                    .setParameter("key", "helpdesk-ticket:" + post.claimId()).getSingleResult();
            if (ticketOf(post.claimId(), current).isPresent()) {
                return null;
            }
            Helpdesk.Posted posted = current.openTicket(requester, post, idempotencyKey);
            HelpdeskTicket row = new HelpdeskTicket();
            row.claimId = post.claimId();
            row.provider = current.name();
            row.ticketId = posted.ticketId();
            row.createdAt = clock.instant();
            row.persist();
            return posted;
        });
        return opened != null ? opened : post(requester, post, idempotencyKey);
    }

    /** The claim's ticket at the helpdesk in use, if it has one. */
    public Optional<String> ticketOf(String claimId) {
        return QuarkusTransaction.requiringNew().call(() -> ticketOf(claimId, helpdesk));
    }

    private static Optional<String> ticketOf(String claimId, Helpdesk helpdesk) {
        HelpdeskTicket ticket = HelpdeskTicket.findById(new HelpdeskTicket.Key(claimId, helpdesk.name()));
        return Optional.ofNullable(ticket).map(t -> t.ticketId);
    }

    private static String required(Optional<String> value, String key) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalStateException("claimpilot.helpdesk." + key
                + " is not set (environment: CLAIMPILOT_HELPDESK_" + key.toUpperCase(java.util.Locale.ROOT)
                .replace('.', '_').replace('-', '_') + ")"));
    }
}

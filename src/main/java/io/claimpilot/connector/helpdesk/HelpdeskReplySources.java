package io.claimpilot.connector.helpdesk;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where customers' helpdesk replies are read from: Zendesk and Gorgias with the same credentials as the helpdesk
 * connector ({@code claimpilot.helpdesk.zendesk.*}, {@code claimpilot.helpdesk.gorgias.*}), whichever are configured.
 * Attachments are fetched from the configured host or from the helpdesk's own attachment domains
 * ({@code attachment-domains}), and from nowhere else.
 */
@ApplicationScoped
public class HelpdeskReplySources {

    @ConfigProperty(name = "claimpilot.helpdesk.timeout", defaultValue = "10s")
    Duration timeout;
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.url")
    Optional<String> zendeskUrl;
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.email")
    Optional<String> zendeskEmail;
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.api-token")
    Optional<String> zendeskToken;
    @ConfigProperty(name = "claimpilot.helpdesk.zendesk.attachment-domains", defaultValue = "zdusercontent.com")
    List<String> zendeskDomains;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.url")
    Optional<String> gorgiasUrl;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.username")
    Optional<String> gorgiasUsername;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.api-key")
    Optional<String> gorgiasKey;
    @ConfigProperty(name = "claimpilot.helpdesk.gorgias.attachment-domains", defaultValue = "gorgias.io,gorgias.com")
    List<String> gorgiasDomains;

    private volatile ZendeskReplies zendesk;
    private volatile GorgiasReplies gorgias;

    /** Zendesk, when its URL, e-mail and API token are configured. */
    public synchronized Optional<ZendeskReplies> zendesk() {
        if (zendesk == null && zendeskUrl.isPresent() && zendeskEmail.isPresent() && zendeskToken.isPresent()) {
            zendesk = new ZendeskReplies(zendeskUrl.get(), zendeskEmail.get(), zendeskToken.get(), zendeskDomains, timeout);
        }
        return Optional.ofNullable(zendesk);
    }

    /** Gorgias, when its URL, username and API key are configured. */
    public synchronized Optional<GorgiasReplies> gorgias() {
        if (gorgias == null && gorgiasUrl.isPresent() && gorgiasUsername.isPresent() && gorgiasKey.isPresent()) {
            gorgias = new GorgiasReplies(gorgiasUrl.get(), gorgiasUsername.get(), gorgiasKey.get(), gorgiasDomains, timeout);
        }
        return Optional.ofNullable(gorgias);
    }

    /** Reads Zendesk from another place from now on (null: the configured one): tests point it at a fake. */
    public synchronized void useZendesk(ZendeskReplies other) {
        zendesk = other;
    }

    /** Reads Gorgias from another place from now on (null: the configured one): tests point it at a fake. */
    public synchronized void useGorgias(GorgiasReplies other) {
        gorgias = other;
    }
}

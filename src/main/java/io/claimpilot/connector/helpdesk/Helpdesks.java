package io.claimpilot.connector.helpdesk;

import io.claimpilot.connector.ProviderChoice;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@link Helpdesk} selector: {@code claimpilot.helpdesk.provider} = {@code sandbox} (default), {@code zendesk} or
 * {@code gorgias} ({@link ProviderChoice}). Chosen at start-up: a wrong provider or missing credentials stop the
 * start, rather than the first message.
 */
@ApplicationScoped
public class Helpdesks {

    static final String SETTING = "claimpilot.helpdesk.provider";

    @ConfigProperty(name = SETTING, defaultValue = "sandbox")
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

    private volatile Helpdesk current;

    void onStart(@Observes StartupEvent event) {
        current = ProviderChoice.<Helpdesk>of(SETTING)
                .or("sandbox", () -> sandbox)
                .or("zendesk", () -> new ZendeskHelpdesk(required("zendesk.url", zendeskUrl),
                        required("zendesk.email", zendeskEmail), required("zendesk.api-token", zendeskToken), timeout, clock))
                .or("gorgias", () -> new GorgiasHelpdesk(required("gorgias.url", gorgiasUrl),
                        required("gorgias.username", gorgiasUsername), required("gorgias.api-key", gorgiasKey),
                        required("gorgias.support-email", gorgiasSupportEmail), timeout, clock))
                .select(provider);
    }

    /** The helpdesk in use. */
    public Helpdesk current() {
        return current;
    }

    /** Uses another helpdesk from now on: tests point it at a fake provider. */
    public void use(Helpdesk other) {
        current = other;
    }

    private static String required(String key, Optional<String> value) {
        return ProviderChoice.required("claimpilot.helpdesk." + key, value);
    }
}

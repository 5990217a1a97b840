package io.claimpilot.connector.shipstation;

import io.claimpilot.connector.ProviderChoice;
import io.claimpilot.connector.ProviderEndpoint;
import io.claimpilot.connector.sandbox.SandboxCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;

/**
 * The {@link ReshipmentProvider} selector: {@code claimpilot.reshipments.provider} = {@code sandbox} (default) or
 * {@code shipstation} ({@link ProviderChoice}), built on the first reshipment, with the key and secret from the
 * environment ({@code CLAIMPILOT_SHIPSTATION_API_KEY}, {@code CLAIMPILOT_SHIPSTATION_API_SECRET}).
 */
@ApplicationScoped
public class ReshipmentProviders {

    static final String SETTING = "claimpilot.reshipments.provider";

    @Inject
    Config config;
    @Inject
    SandboxCalls sandboxCalls;
    @Inject
    Clock clock;

    private volatile ReshipmentProvider current;

    public ReshipmentProvider current() {
        ReshipmentProvider chosen = current;
        if (chosen == null) {
            synchronized (this) {
                if (current == null) {
                    current = create();
                }
                chosen = current;
            }
        }
        return chosen;
    }

    private ReshipmentProvider create() {
        return ProviderChoice.<ReshipmentProvider>of(SETTING)
                .or("sandbox", () -> new SandboxReshipmentProvider(sandboxCalls))
                .or("shipstation", () -> new ShipStationReshipmentProvider(new ProviderEndpoint(
                        config.getValue("claimpilot.shipstation.base-url", String.class),
                        config.getValue("claimpilot.shipstation.connect-timeout", Duration.class),
                        config.getValue("claimpilot.shipstation.read-timeout", Duration.class)).restClient(ShipStationApi.class),
                        setting("claimpilot.shipstation.api-key"), setting("claimpilot.shipstation.api-secret"), clock))
                .select(config.getOptionalValue(SETTING, String.class).orElse("sandbox"));
    }

    private String setting(String key) {
        return ProviderChoice.required(key, config.getOptionalValue(key, String.class));
    }
}

package io.claimpilot.connector.shipstation;

import io.claimpilot.connector.ProviderHttp;
import io.claimpilot.connector.sandbox.SandboxCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Clock;
import java.time.Duration;

/**
 * Chooses where reshipments go: {@code claimpilot.reshipments.provider} = {@code sandbox} (default) or
 * {@code shipstation}, with the key and secret from the environment ({@code CLAIMPILOT_SHIPSTATION_API_KEY},
 * {@code CLAIMPILOT_SHIPSTATION_API_SECRET}).
 */
@ApplicationScoped
public class ReshipmentProviders {

    @Inject
    Config config;
    @Inject
    SandboxCalls sandboxCalls;
    @Inject
    Clock clock;

    private volatile Reshipments current;

    public Reshipments current() {
        Reshipments chosen = current;
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

    private Reshipments create() {
        String provider = config.getOptionalValue("claimpilot.reshipments.provider", String.class).orElse("sandbox");
        return switch (provider) {
            case "sandbox" -> new SandboxReshipments(sandboxCalls);
            case "shipstation" -> new ShipStationReshipments(
                    ProviderHttp.client(ShipStationApi.class, config.getValue("claimpilot.shipstation.base-url", String.class),
                            config.getValue("claimpilot.shipstation.connect-timeout", Duration.class),
                            config.getValue("claimpilot.shipstation.read-timeout", Duration.class)),
                    config.getValue("claimpilot.shipstation.api-key", String.class),
                    config.getValue("claimpilot.shipstation.api-secret", String.class), clock);
            default -> throw new IllegalStateException("Unknown reshipment provider '" + provider + "': use sandbox or shipstation");
        };
    }
}

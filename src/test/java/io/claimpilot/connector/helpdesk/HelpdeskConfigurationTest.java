package io.claimpilot.connector.helpdesk;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The helpdesk is chosen by configuration, and a real one without its credentials stops the start. */
// A Quarkus test: the connectors' typed REST clients are built by the Quarkus REST Client.
@QuarkusTest
class HelpdeskConfigurationTest {

    @Test
    void eachProviderNeedsItsSettingsAndAnUnknownOneIsRefused() {
        Helpdesks zendesk = configured("zendesk");
        assertThatThrownBy(() -> zendesk.onStart(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CLAIMPILOT_HELPDESK_ZENDESK_API_TOKEN");
        zendesk.zendeskToken = Optional.of("secret");
        zendesk.onStart(null);
        assertThat(zendesk.current()).isInstanceOf(ZendeskHelpdesk.class);

        Helpdesks gorgias = configured("Gorgias");
        assertThatThrownBy(() -> gorgias.onStart(null)).hasMessageContaining("CLAIMPILOT_HELPDESK_GORGIAS_USERNAME");
        gorgias.gorgiasUsername = Optional.of("api@shop.example");
        gorgias.gorgiasKey = Optional.of("secret");
        gorgias.gorgiasSupportEmail = Optional.of("support@shop.example");
        gorgias.onStart(null);
        assertThat(gorgias.current().name()).isEqualTo("gorgias");

        assertThatThrownBy(() -> configured("freshdesk").onStart(null)).hasMessageContaining("sandbox, zendesk or gorgias");
    }

    private static Helpdesks configured(String provider) {
        Helpdesks tickets = new Helpdesks();
        tickets.provider = provider;
        tickets.timeout = Duration.ofSeconds(10);
        tickets.clock = Clock.systemUTC();
        tickets.zendeskUrl = Optional.of("https://shop.zendesk.com");
        tickets.zendeskEmail = Optional.of("support@shop.example");
        tickets.zendeskToken = Optional.empty();
        tickets.gorgiasUrl = Optional.of("https://shop.gorgias.com");
        tickets.gorgiasUsername = Optional.of(" ");
        tickets.gorgiasKey = Optional.empty();
        tickets.gorgiasSupportEmail = Optional.empty();
        return tickets;
    }
}

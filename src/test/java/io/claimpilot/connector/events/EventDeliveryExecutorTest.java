package io.claimpilot.connector.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.event.EventDelivery;
import io.claimpilot.event.EventSubscriptions;
import io.claimpilot.event.EventType;
import io.claimpilot.event.TargetAddresses;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.outbox.OutboxEntry;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The delivery's own SSRF check, as in production: a host that was public when subscribed and now resolves to an
 * internal address (DNS rebinding) is refused before any connection, and the action fails at once.
 */
class EventDeliveryExecutorTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwbjzRZiBIV6s=";

    @Test
    void aHostThatNowResolvesToAnInternalAddressIsRefusedBeforeAnyConnection() {
        EventDeliveryExecutor executor = executor(host -> new InetAddress[]{InetAddress.getByName("169.254.169.254")});

        assertThatThrownBy(() -> executor.execute(new OutboxEntry(), delivery()))
                .isInstanceOfSatisfying(ActionFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.PERMANENT);
                    assertThat(failure).hasMessageContaining("Refused target").hasMessageContaining("169.254.169.254");
                });
    }

    @Test
    void aHostThatDoesNotResolveIsRetried() {
        EventDeliveryExecutor executor = executor(host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> executor.execute(new OutboxEntry(), delivery()))
                .isInstanceOfSatisfying(ActionFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE));
    }

    @Test
    void aDeletedSubscriptionIsSkipped() {
        EventDeliveryExecutor executor = executor(host -> new InetAddress[]{InetAddress.getByName("93.184.216.34")});
        executor.subscriptions = new EventSubscriptions() {
            @Override
            public Optional<SigningTarget> signingTarget(String id) {
                return Optional.empty();
            }
        };

        assertThat(executor.execute(new OutboxEntry(), delivery()).details()).containsEntry("skipped", "subscription deleted");
    }

    private static EventDeliveryExecutor executor(TargetAddresses.Resolver dns) {
        EventDeliveryExecutor executor = new EventDeliveryExecutor();
        executor.subscriptions = new EventSubscriptions() {
            @Override
            public Optional<SigningTarget> signingTarget(String id) {
                return Optional.of(new SigningTarget(URI.create("https://hooks.example.com/claims"), List.of(SECRET)));
            }
        };
        executor.targets = new TargetAddresses(false, dns);
        executor.json = new ObjectMapper();
        executor.clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        executor.connectTimeout = Duration.ofMillis(200);
        executor.readTimeout = Duration.ofMillis(200);
        executor.buildClient();
        return executor;
    }

    private static EventDelivery delivery() {
        return new EventDelivery("evt_1", "es_1", "cl_1", EventType.CLAIM_DECIDED, Instant.parse("2026-12-01T09:59:00Z"),
                new ObjectMapper().valueToTree(Map.of("id", "cl_1")));
    }
}

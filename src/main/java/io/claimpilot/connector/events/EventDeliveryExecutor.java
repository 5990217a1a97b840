package io.claimpilot.connector.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimpilot.event.EventDelivery;
import io.claimpilot.event.EventSubscriptions;
import io.claimpilot.event.TargetAddresses;
import io.claimpilot.event.WebhookSignature;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs a claim event to a subscription's endpoint, signed per Standard Webhooks. Any 2xx answer delivers it; a 429
 * waits for its Retry-After; anything else (another status, a timeout, a refused connection, a host that does not
 * resolve) is retried with the outbox's backoff, and the action is FAILED after the last attempt, for an admin to retry
 * ({@code POST /api/actions/{id}/retry}). A target that resolves to a refused address fails at once: retrying would
 * only knock on the same internal door.
 *
 * <p>The target is checked again right before each attempt, on every address its host resolves to now
 * ({@link TargetAddresses#resolveAndCheck}). Residual risk: the JDK's HTTP client resolves the host again to connect;
 * that second look-up is answered from the JVM's address cache filled by the check a moment before, so a DNS answer
 * that changes in between (rebinding) is not seen, unless the cache entry expires in that instant (it lives 30 s by
 * default). Redirects are never followed, so an endpoint cannot bounce the request to an internal address.
 */
@ApplicationScoped
public class EventDeliveryExecutor implements ActionExecutor<EventDelivery> {

    private static final int MAX_ERROR_BODY = 300;

    @Inject
    EventSubscriptions subscriptions;
    @Inject
    TargetAddresses targets;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.events.connect-timeout", defaultValue = "5s")
    Duration connectTimeout;
    @ConfigProperty(name = "claimpilot.events.read-timeout", defaultValue = "10s")
    Duration readTimeout;

    private HttpClient client;

    @PostConstruct
    void buildClient() {
        client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String action() {
        return EventDelivery.ACTION;
    }

    @Override
    public Class<EventDelivery> payloadType() {
        return EventDelivery.class;
    }

    @Override
    public ActionResult execute(OutboxEntry entry, EventDelivery delivery) {
        Optional<EventSubscriptions.SigningTarget> found;
        try {
            found = subscriptions.signingTarget(delivery.subscriptionId());
        } catch (IllegalStateException noKey) {
            throw ActionFailure.permanent(noKey.getMessage(), null);
        }
        if (found.isEmpty()) {
            // Deleted since the event was queued: nobody to tell.
            return ActionResult.done(null, Map.of("skipped", "subscription deleted"));
        }
        EventSubscriptions.SigningTarget target = found.get();
        check(target.url());
        String body = body(delivery);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "ClaimPilot-Webhooks/1")
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(target.secrets(), delivery.eventId(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = send(request);
        int status = response.statusCode();
        if (status / 100 == 2) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("statusCode", Integer.toString(status));
            details.put("eventId", delivery.eventId());
            details.put("type", delivery.type().wireName());
            return ActionResult.done(null, details);
        }
        String failure = "HTTP " + status + " from the endpoint" + excerpt(response.body());
        if (status == 429) {
            Duration retryAfter = retryAfter(response);
            if (retryAfter != null) {
                throw ActionFailure.rateLimited(failure, retryAfter);
            }
        }
        throw ActionFailure.retryable(failure, null);
    }

    private void check(URI url) {
        try {
            targets.resolveAndCheck(url);
        } catch (TargetAddresses.RefusedTarget refused) {
            throw ActionFailure.permanent("Refused target: " + refused.getMessage(), null);
        } catch (TargetAddresses.UnresolvedTarget unresolved) {
            throw ActionFailure.retryable("Unresolved target: " + unresolved.getMessage(), null);
        }
    }

    /** The body: {@code {"type", "timestamp", "data"}}, serialised once, and signed exactly as sent. */
    String body(EventDelivery delivery) {
        ObjectNode body = json.createObjectNode();
        body.put("type", delivery.type().wireName());
        body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(delivery.occurredAt()));
        body.set("data", delivery.data());
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw ActionFailure.permanent("The event cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw ActionFailure.retryable("The endpoint did not answer in time: " + e.getMessage(), e);
        } catch (IOException e) {
            throw ActionFailure.retryable("The endpoint could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionFailure.retryable("Interrupted while sending the event", e);
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).filter(value -> value.matches("\\d{1,6}"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))).orElse(null);
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() > MAX_ERROR_BODY ? flat.substring(0, MAX_ERROR_BODY) + "…" : flat);
    }
}

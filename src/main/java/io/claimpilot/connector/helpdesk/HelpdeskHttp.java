package io.claimpilot.connector.helpdesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.connector.ProviderHttp;
import io.claimpilot.outbox.ActionFailure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * JSON over HTTPS to a helpdesk, with Basic authentication and timeouts, and its answers turned into what the
 * dispatcher needs to know: 429 waits for Retry-After, 5xx and timeouts are tried again, 401/403/404/422 and other
 * 4xx (our request, or our credentials, is wrong) fail for good. The credentials never appear in a message.
 */
final class HelpdeskHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;

    private final String provider;
    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    HelpdeskHttp(String provider, String baseUrl, String user, String secret, Duration timeout, Clock clock) {
        this.provider = provider;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Sends a JSON body and returns the JSON answer of a 2xx; anything else is an {@link ActionFailure}. */
    JsonNode send(String method, String path, Object body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw ActionFailure.retryable(provider + " did not answer " + method + " " + path + " within " + timeout, e);
        } catch (IOException e) {
            throw ActionFailure.retryable(provider + " could not be reached for " + method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActionFailure.retryable("Interrupted while calling " + provider, e);
        }
        return answer(method, path, response);
    }

    private JsonNode answer(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (JsonProcessingException e) {
                throw ActionFailure.retryable(provider + " answered " + status + " with a body that is not JSON", e);
            }
        }
        String what = provider + " answered " + status + " to " + method + " " + path + ": " + excerpt(response.body());
        Duration retryAfter = ProviderHttp.retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock);
        if (status == 429 || status == 503 && retryAfter != null) {
            return fail(ActionFailure.rateLimited(what, retryAfter));
        }
        if (status >= 500 || status == 408 || status == 409) {
            return fail(ActionFailure.retryable(what, null));
        }
        return fail(ActionFailure.permanent(what, null));
    }

    private static JsonNode fail(ActionFailure failure) {
        throw failure;
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "…";
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body", e);
        }
    }
}

package io.claimpilot.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.outbox.ActionFailure;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A provider's HTTP answer as every connector reads it: the status, the headers, and the body as JSON (an empty object
 * when the body is empty or not JSON). It also turns an answer into what the dispatcher understands, an
 * {@link ActionFailure}: 429 (and 503 with {@code Retry-After}) waits as long as the provider asks, 5xx, 408 and 409 are
 * tried again, any other status fails for good. Nothing here puts a request header in a message, so credentials never
 * reach a log.
 */
public final class ProviderAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;

    private final Response response;
    private final String body;
    private final JsonNode json;

    private ProviderAnswer(Response response, String body, JsonNode json) {
        this.response = response;
        this.body = body;
        this.json = json;
    }

    /**
     * Makes a call whose outcome matters (an action). No answer at all (timeout, refused, reset) is retryable: the
     * provider may or may not have acted, so the retry sends the same idempotency key.
     */
    public static ProviderAnswer call(String provider, Supplier<Response> request) {
        try {
            return of(request.get());
        } catch (ProcessingException e) {
            throw unreachable(provider, e);
        }
    }

    /**
     * Makes a read (stock, orders, shipments): the JSON of a 2xx, or null for a 404. No answer, an error status or a
     * body that is not JSON is an {@link Unreadable}.
     */
    public static JsonNode read(String what, Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (ProcessingException e) {
            throw new Unreadable(what + " did not answer: " + rootMessage(e), 0, true, e);
        }
        return of(response).readJson(what);
    }

    /** {@link #read} without blocking: the future fails with {@link Unreadable} (or the client's own error when there is no answer). */
    public static CompletableFuture<JsonNode> readAsync(String what, CompletionStage<Response> request) {
        return request.toCompletableFuture().thenApply(response -> of(response).readJson(what));
    }

    /** Reads the answer's body once. */
    public static ProviderAnswer of(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new ProviderAnswer(response, body, parse(body));
    }

    public int status() {
        return response.getStatus();
    }

    public boolean ok() {
        return status() / 100 == 2;
    }

    public String header(String name) {
        return response.getHeaderString(name);
    }

    /** The body as JSON; an empty object when it is empty or not JSON (see {@link #isJson()}). */
    public JsonNode json() {
        return json == null ? JSON.createObjectNode() : json;
    }

    /** False when the body is not empty and not JSON either (an HTML error page, a proxy's text). */
    public boolean isJson() {
        return json != null;
    }

    /** The body on one line, shortened: enough to tell why a provider refused, for messages. */
    public String excerpt() {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "…";
    }

    /** The JSON of a 2xx answer to an action; any other answer is thrown as its {@link ActionFailure}. */
    public JsonNode requireOk(String provider, Clock clock) {
        if (!ok()) {
            throw failure(provider, excerpt(), clock);
        }
        if (!isJson()) {
            throw ActionFailure.retryable(provider + " answered " + status() + " with a body that is not JSON", null);
        }
        return json();
    }

    /**
     * The JSON of a 2xx answer to a read (stock, orders, shipments), or null for a 404: the provider does not know it.
     * Anything else is an {@link Unreadable}.
     */
    public JsonNode readJson(String what) {
        int status = status();
        if (status == 404) {
            return null;
        }
        if (!ok()) {
            boolean retryable = status == 429 || status >= 500 || status == 401 || status == 403 || status == 408;
            throw new Unreadable(what + " answered HTTP " + status, status, retryable, null);
        }
        if (json == null) {
            throw new Unreadable(what + " answered something that is not JSON", status, false, null);
        }
        return json;
    }

    /** This answer's error status as an {@link ActionFailure}, see {@link #failure(String, int, String, String, Clock)}. */
    public ActionFailure failure(String provider, String detail, Clock clock) {
        return failure(provider, status(), header("Retry-After"), detail, clock);
    }

    /**
     * The one reading of an error status: 429 (and 503 that says when to come back) waits for {@code Retry-After},
     * 5xx, 408 and 409 (a request the provider could not finish) are retried, 401/403 are our configuration, any other
     * status is permanent.
     */
    public static ActionFailure failure(String provider, int status, String retryAfterHeader, String detail, Clock clock) {
        String message = provider + " answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
        Duration retryAfter = retryAfter(retryAfterHeader, clock);
        if (status == 429 || status == 503 && retryAfter != null) {
            return ActionFailure.rateLimited(message, retryAfter);
        }
        if (status >= 500 || status == 408 || status == 409) {
            return ActionFailure.retryable(message, null);
        }
        if (status == 401 || status == 403) {
            return ActionFailure.permanent(message + " (check the credentials in the environment)", null);
        }
        return ActionFailure.permanent(message, null);
    }

    /** No answer (timeout, refused connection, reset): the provider may or may not have acted, so retry with the same key. */
    public static ActionFailure unreachable(String provider, Throwable cause) {
        return ActionFailure.retryable(provider + " did not answer: " + rootMessage(cause), cause);
    }

    /** {@code Retry-After} in (possibly decimal) seconds or as an HTTP date; null when absent or unreadable (the backoff applies). */
    public static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            // Seconds; Shopify writes them with a decimal ("2.0"). Rounded up: never retry earlier than asked.
            long seconds = new BigDecimal(value).setScale(0, RoundingMode.CEILING).longValueExact();
            return Duration.ofSeconds(Math.max(0, seconds));
        } catch (NumberFormatException | ArithmeticException notSeconds) {
            try {
                Duration wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    /** A read that gave no usable answer: an error status, or a body that is not JSON. */
    public static class Unreadable extends RuntimeException {
        private final int status;
        private final boolean retryable;

        public Unreadable(String message, int status, boolean retryable, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.retryable = retryable;
        }

        /** The HTTP status, or 0 when there was no answer (timeout, connection refused). */
        public int status() {
            return status;
        }

        /** Whether asking again later can help (rate limits, outages, credentials being rotated). */
        public boolean retryable() {
            return retryable;
        }
    }
}

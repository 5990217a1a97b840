package io.claimpilot.connector;

import io.claimpilot.outbox.ActionFailure;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

/**
 * What every real connector does the same way: build a REST client with timeouts, and turn an HTTP failure into an
 * {@link ActionFailure} the dispatcher understands (429 and 5xx are retried, 429 after its {@code Retry-After}).
 */
public final class ProviderHttp {

    private ProviderHttp() {
    }

    /** A REST client that returns every response as it is (no exception for 4xx/5xx): the connector reads errors. */
    public static <T> T client(Class<T> api, String baseUrl, Duration connectTimeout, Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .build(api);
    }

    /** No answer (timeout, refused connection, reset): the provider may or may not have acted, so retry with the same key. */
    public static ActionFailure unreachable(String provider, RuntimeException cause) {
        return ActionFailure.retryable(provider + " did not answer: " + rootMessage(cause), cause);
    }

    /**
     * The generic reading of an error status: 429 waits for {@code Retry-After}, 5xx (and 408/409, a request the
     * provider could not finish) is retried, 401/403 are our configuration, any other 4xx is permanent.
     */
    public static ActionFailure failure(String provider, Response response, String detail, Clock clock) {
        int status = response.getStatus();
        String message = provider + " answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
        if (status == 429) {
            return ActionFailure.rateLimited(message, retryAfter(response.getHeaderString("Retry-After"), clock));
        }
        if (status >= 500 || status == 408 || status == 409) {
            return ActionFailure.retryable(message, null);
        }
        if (status == 401 || status == 403) {
            return ActionFailure.permanent(message + " (check the credentials in the environment)", null);
        }
        return ActionFailure.permanent(message, null);
    }

    /** {@code Retry-After} in (possibly decimal) seconds or as an HTTP date; null when absent or unreadable (the backoff applies). */
    public static Duration retryAfter(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            // Seconds; Shopify writes them with a decimal ("2.0"). Rounded up: never retry earlier than asked.
            long seconds = new java.math.BigDecimal(value).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
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

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}

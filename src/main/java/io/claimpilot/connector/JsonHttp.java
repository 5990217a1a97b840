package io.claimpilot.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A small JSON-over-HTTP client on the JDK's HttpClient for the read-only provider calls (stock levels, orders,
 * shipments): connect and request timeouts, headers given by the caller, and errors as {@link ProviderHttpException}
 * that say whether trying again can help. Nothing here logs a header, so credentials never reach a log.
 */
public final class JsonHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    public JsonHttp(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    /** GET a JSON document; a 404 answers null. */
    public JsonNode getJson(URI uri, Map<String, String> headers) {
        try {
            return parse(uri, client.send(request(uri, headers), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new ProviderHttpException(uri, 0, true, "could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderHttpException(uri, 0, true, "was interrupted", e);
        }
    }

    /** The same as {@link #getJson}, without blocking: the future fails with {@link ProviderHttpException}. */
    public CompletableFuture<JsonNode> getJsonAsync(URI uri, Map<String, String> headers) {
        return client.sendAsync(request(uri, headers), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> parse(uri, response));
    }

    private HttpRequest request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("Accept", "application/json");
        headers.forEach(request::header);
        return request.build();
    }

    private static JsonNode parse(URI uri, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 404) {
            return null;
        }
        if (status < 200 || status >= 300) {
            boolean retryable = status == 429 || status >= 500 || status == 401 || status == 403 || status == 408;
            throw new ProviderHttpException(uri, status, retryable, "answered HTTP " + status, null);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ProviderHttpException(uri, status, false, "answered something that is not JSON", e);
        }
    }

    /** A provider call that did not give a usable answer. */
    public static class ProviderHttpException extends RuntimeException {
        private final int status;
        private final boolean retryable;

        ProviderHttpException(URI uri, int status, boolean retryable, String what, Throwable cause) {
            // Only scheme, host and path: query strings may carry ids, never put secrets in messages.
            super(uri.getScheme() + "://" + uri.getAuthority() + uri.getPath() + " " + what, cause);
            this.status = status;
            this.retryable = retryable;
        }

        /** The HTTP status, or 0 when there was no answer (timeout, connection refused). */
        public int status() {
            return status;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}

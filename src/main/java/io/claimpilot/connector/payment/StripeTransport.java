package io.claimpilot.connector.payment;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The Stripe SDK's requests, sent with the JDK's HTTP client. The SDK's default transport (HttpURLConnection) follows
 * redirects, and would send the secret key wherever a redirect points; this one never follows them, like every other
 * connector. Retries are the outbox's: the SDK is built with none of its own.
 */
final class StripeTransport extends HttpClient {

    private final java.net.http.HttpClient client;

    StripeTransport(Duration connectTimeout) {
        this.client = java.net.http.HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        HttpRequest.Builder http;
        try {
            http = HttpRequest.newBuilder(request.url().toURI())
                    .timeout(Duration.ofMillis(request.options().getReadTimeout()));
        } catch (URISyntaxException e) {
            throw new ApiConnectionException("Invalid Stripe URL", e);
        }
        request.headers().map().forEach((name, values) -> values.forEach(value -> http.header(name, value)));
        if (request.content() == null) {
            http.method(request.method().name(), HttpRequest.BodyPublishers.noBody());
        } else {
            http.header("Content-Type", request.content().contentType())
                    .method(request.method().name(), HttpRequest.BodyPublishers.ofByteArray(request.content().byteArrayContent()));
        }
        try {
            HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
            // The SDK cannot read an error without a body (a redirect, a proxy's bare 502): give it an empty object,
            // and it reports the status like any other unreadable error.
            String body = response.statusCode() / 100 != 2 && response.body().isBlank() ? "{}" : response.body();
            return new StripeResponse(response.statusCode(), HttpHeaders.of(response.headers().map()), body);
        } catch (IOException e) {
            throw new ApiConnectionException("No answer from Stripe: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while calling Stripe", e);
        }
    }
}

package io.claimpilot.connector;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Where a provider answers and how long we wait for it: what every connector's typed client is built from. The base
 * URL comes from configuration ({@code claimpilot.<provider>.base-url}), so tests point it at a WireMock fake.
 */
public record ProviderEndpoint(String baseUrl, Duration connectTimeout, Duration readTimeout) {

    public ProviderEndpoint {
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /**
     * A typed Quarkus REST Client on this endpoint. It hands every answer back as it is (no exception for 4xx/5xx: the
     * connector reads the error), and never follows a redirect, which could send our credentials to another host.
     */
    public <T> T restClient(Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .disableDefaultMapper(true)
                .build(api);
    }

    /** The {@code Authorization} value of HTTP Basic authentication. Never log it. */
    public static String basicAuth(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}

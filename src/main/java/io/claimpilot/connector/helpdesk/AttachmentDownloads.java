package io.claimpilot.connector.helpdesk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Downloads a helpdesk attachment, refusing anything that could make ClaimPilot fetch from where it should not (SSRF):
 * only the configured helpdesk host (its scheme, host and port) or, over https on the default port, one of the
 * helpdesk's own attachment domains. Redirects are followed by hand, a few at most, and each hop is checked the same
 * way. The API credentials go to the configured host only, never to an attachment domain. At most {@code maxBytes}
 * are read: a larger file is refused as soon as it is known to be larger, before it is all downloaded.
 */
public final class AttachmentDownloads {

    private static final int MAX_REDIRECTS = 3;

    private final URI apiBase;
    private final List<String> attachmentDomains;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient client;

    /** What came of one download: the bytes, or why there are none (a reason without personal data). */
    public record Download(byte[] bytes, String refusal) {
        static Download refused(String reason) {
            return new Download(null, reason);
        }

        public boolean ok() {
            return bytes != null;
        }
    }

    public AttachmentDownloads(String apiBaseUrl, List<String> attachmentDomains, String authorization, Duration timeout) {
        this.apiBase = URI.create(apiBaseUrl.replaceAll("/+$", ""));
        this.attachmentDomains = attachmentDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty()).toList();
        this.authorization = authorization;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether ClaimPilot may fetch this URL at all. */
    public boolean allowed(String url) {
        return parse(url).filter(this::allowed).isPresent();
    }

    public Download download(String url, long maxBytes) {
        Optional<URI> next = parse(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (next.isEmpty() || !allowed(next.get())) {
                return Download.refused("its address is not on the helpdesk's own hosts: not fetched");
            }
            URI uri = next.get();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (authorization != null && onApiHost(uri)) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new AttachmentUnavailable("the helpdesk did not answer: " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AttachmentUnavailable("interrupted", e);
            }
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status >= 300 && status < 400) {
                    next = response.headers().firstValue("Location").flatMap(location -> parse(uri.resolve(location).toString()));
                    continue;
                }
                if (status == 404 || status == 410) {
                    return Download.refused("the helpdesk no longer has it (HTTP " + status + ")");
                }
                if (status < 200 || status >= 300) {
                    throw new AttachmentUnavailable("the helpdesk answered HTTP " + status, null);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    return Download.refused("too large: " + declared + " bytes, a photo may be at most " + maxBytes);
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (bytes.length > maxBytes) {
                    return Download.refused("too large: more than " + maxBytes + " bytes, the most a photo may be");
                }
                return new Download(bytes, null);
            } catch (IOException e) {
                throw new AttachmentUnavailable("the download broke off: " + e.getClass().getSimpleName(), e);
            }
        }
        return Download.refused("redirected more than " + MAX_REDIRECTS + " times: not fetched");
    }

    private boolean allowed(URI uri) {
        if (uri.getUserInfo() != null || uri.getHost() == null) {
            return false;
        }
        if (onApiHost(uri)) {
            return true;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(uri.getScheme()) && (uri.getPort() == -1 || uri.getPort() == 443)
                && attachmentDomains.stream().anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain));
    }

    private boolean onApiHost(URI uri) {
        return apiBase.getScheme().equalsIgnoreCase(uri.getScheme()) && apiBase.getHost().equalsIgnoreCase(uri.getHost())
                && port(apiBase) == port(uri) && uri.getUserInfo() == null;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The helpdesk could not be reached or failed: asking again later may work. */
    public static class AttachmentUnavailable extends RuntimeException {
        public AttachmentUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

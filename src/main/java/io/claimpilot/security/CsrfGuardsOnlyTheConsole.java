package io.claimpilot.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The CSRF filter of quarkus-rest-csrf checks every state-changing request of the application, and with
 * quarkus.rest-csrf.require-form-url-encoded=true it refuses one that has no token whatever its media type (no body,
 * JSON, text): that is what the console needs. It has no setting to leave a path out, though, and CSRF only abuses
 * credentials a browser sends by itself, the console's session cookie. Nothing outside /console accepts that
 * cookie: /api authenticates only with an explicit {@code Authorization: Bearer} key that no foreign page can make a
 * browser send (quarkus.http.auth.permission.api.auth-mechanism=bearer), and webhooks check their providers'
 * signatures. So every request to /api or /webhooks gets a fresh matching token pair here, before the filter runs,
 * and passes it; a missing or unknown key still gets its 401. Everything else (the console) is checked as it comes.
 * A list of what skips, not of what is checked: a path spelled to dodge a prefix test is checked, not let through.
 */
@ApplicationScoped
public class CsrfGuardsOnlyTheConsole {

    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
    String cookieName;
    @ConfigProperty(name = "quarkus.rest-csrf.token-header-name", defaultValue = "X-CSRF-TOKEN")
    String headerName;
    @ConfigProperty(name = "quarkus.rest-csrf.token-size", defaultValue = "16")
    int tokenSize;

    void register(@Observes Router router) {
        // Before security and REST (their routes have higher orders): the cookie jar is not parsed yet.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (cannotCarryASessionCookie(context.normalizedPath())) {
                String token = newToken();
                String cookies = context.request().getHeader(HttpHeaders.COOKIE);
                context.request().headers().set(HttpHeaders.COOKIE, cookieName + "=" + token + (cookies == null ? "" : "; " + cookies));
                context.request().headers().set(headerName, token);
            } else if (changesState(context.request().method()) && !canCarryTheToken(context.request())) {
                // The filter would refuse it too, but only after matching a resource, where a console page that
                // consumes forms answers 415 first: refuse every such request the same way, before anything runs.
                context.response().setStatusCode(400).end();
                return;
            }
            context.next();
        });
    }

    /** Paths that accept no session cookie; one with path parameters (";") is left to the check, to be safe. */
    static boolean cannotCarryASessionCookie(String normalizedPath) {
        // The customer form (/claim/) authenticates nobody and checks its own token, bound to the link and to a cookie
        // of its own (claimform/CustomerFormPage): the console's cookie, whose path is /console, never reaches it.
        return (normalizedPath.startsWith("/api/") || normalizedPath.startsWith("/webhooks/")
                || normalizedPath.startsWith("/claim/")) && normalizedPath.indexOf(';') < 0;
    }

    private static boolean changesState(HttpMethod method) {
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    /** A form (the token is a field) or a request with the token header; anything else cannot have the token. */
    private boolean canCarryTheToken(HttpServerRequest request) {
        if (request.getHeader(headerName) != null) {
            return true;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/x-www-form-urlencoded") || mediaType.equals("multipart/form-data");
    }

    private String newToken() {
        byte[] bytes = new byte[tokenSize];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.claimpilot.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF filter of quarkus-rest-csrf checks every form post of the application, /api included, and has no
 * setting to leave a path out. CSRF abuses credentials a browser sends by itself (the console's session cookie);
 * an API call authenticates with an explicit {@code Authorization: Bearer} key that no foreign page can make a
 * browser send, and /api accepts no session cookie (quarkus.http.auth.permission.api.auth-mechanism=bearer).
 * So a multipart API call carrying a bearer key (the policy upload) gets a fresh matching token pair here, before
 * the filter runs, and is not refused. Console forms, and any /api call without a key, are checked as usual.
 */
@ApplicationScoped
public class BearerCallsSkipCsrf {

    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "quarkus.rest-csrf.cookie-name", defaultValue = "csrf-token")
    String cookieName;
    @ConfigProperty(name = "quarkus.rest-csrf.token-header-name", defaultValue = "X-CSRF-TOKEN")
    String headerName;
    @ConfigProperty(name = "quarkus.rest-csrf.token-size", defaultValue = "16")
    int tokenSize;

    void register(@Observes Router router) {
        // Before security and REST (their routes have higher orders): the cookie jar is not parsed yet.
        router.route("/api/*").order(Integer.MIN_VALUE).handler(context -> {
            String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = newToken();
                String cookies = context.request().getHeader(HttpHeaders.COOKIE);
                context.request().headers().set(HttpHeaders.COOKIE, cookieName + "=" + token + (cookies == null ? "" : "; " + cookies));
                context.request().headers().set(headerName, token);
            }
            context.next();
        });
    }

    private String newToken() {
        byte[] bytes = new byte[tokenSize];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.claimpilot.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.common.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP side of {@link SignInLimits} and {@link UnknownKeyLimits}, before security and REST run:
 * <ul>
 *   <li>an address blocked for unknown API keys gets {@code 429} problem+json with {@code Retry-After} on /api, and
 *       no key is looked up;</li>
 *   <li>a sign-in refused because of too many failures is sent back to the sign-in page with the time it may be
 *       tried again, instead of the plain error (Quarkus's form authentication only knows one error page).</li>
 * </ul>
 */
@ApplicationScoped
public class AbuseLimitRoutes {

    @Inject
    UnknownKeyLimits unknownKeys;
    @Inject
    Clock clock;
    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(context -> {
            Optional<Instant> blocked = unknownKeys.blockedUntil(RemoteAddress.of(context));
            if (blocked.isEmpty()) {
                context.next();
                return;
            }
            long seconds = Math.max(1, Duration.between(clock.instant(), blocked.get()).toSeconds()
                    + (Duration.between(clock.instant(), blocked.get()).toNanosPart() > 0 ? 1 : 0));
            context.response().setStatusCode(429)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("Retry-After", Long.toString(seconds))
                    .end(problem(429, "Too Many Requests", "Too many requests with an unknown API key from this address;"
                            + " try again in " + seconds + " seconds"));
        });
        router.route(HttpMethod.POST, "/j_security_check").order(Integer.MIN_VALUE + 1).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                Object lockedUntil = context.get(SignInLimits.LOCKED_UNTIL);
                int status = context.response().getStatusCode();
                if (lockedUntil instanceof Instant until && (status == 302 || status == 303)) {
                    context.response().headers().set(HttpHeaders.LOCATION,
                            "/console/login?error=true&retryAt=" + until.getEpochSecond());
                }
            });
            context.next();
        });
    }

    private String problem(int status, String title, String detail) {
        try {
            return json.writeValueAsString(new Problem("about:blank", title, status, detail, null, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

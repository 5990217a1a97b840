package io.claimpilot.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.common.Problem;
import io.claimpilot.policy.PolicyLimits;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * A body declared larger than quarkus.http.limits.max-body-size is refused before it is read, as Quarkus does
 * itself (its handler runs at order -2 and answers a bare, empty 413), but with a problem+json that states the limit
 * and, for a policy upload, that the files may be at most 10 MiB in all. Like Quarkus, it closes the connection after
 * answering, so the rest of the body is never read.
 */
@ApplicationScoped
public class BodyTooLarge {

    private static final long MIB = 1024 * 1024;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;
    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        // Before Quarkus's own check (order -2), after nothing that needs the body.
        router.route().order(-3).handler(context -> {
            long declared = declaredLength(context);
            if (declared <= limit) {
                context.next();
                return;
            }
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close())
                    .end(problem(detail(context, declared, limit)));
        });
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1; // Vert.x refuses a malformed length itself
        }
    }

    private static String detail(RoutingContext context, long declared, long limit) {
        String detail = "The request body is " + declared + " bytes; the limit is " + size(limit) + " (" + limit + " bytes).";
        if (isPolicyUpload(context)) {
            detail += " A policy upload's files may be at most " + size(PolicyLimits.current().maxTotalBytes())
                    + " in all (and " + size(PolicyLimits.current().maxFileBytes()) + " each): upload fewer or smaller files.";
        }
        return detail;
    }

    private static boolean isPolicyUpload(RoutingContext context) {
        String path = context.normalizedPath();
        return context.request().method() == HttpMethod.POST
                && (path.equals("/api/policies") || path.equals("/console/policies"));
    }

    private static String size(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }

    private String problem(String detail) {
        try {
            return json.writeValueAsString(new Problem("about:blank", "Payload Too Large", 413, detail, "body", List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

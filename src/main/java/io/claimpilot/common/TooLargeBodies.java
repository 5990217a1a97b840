package io.claimpilot.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Refuses a body declared larger than {@code claimpilot.http.max-body-size} before anything reads it, with a problem
 * that says the limit, and for a policy upload that its files may be 10 MiB in all ({@code PolicyLimits} names the
 * file when the body fits but the files do not). Quarkus's own limit ({@code quarkus.http.limits.max-body-size}) is
 * set higher, as a backstop for bodies sent without a length: Quarkus answers those with an empty 413, so it is
 * not the limit callers meet.
 */
@ApplicationScoped
public class TooLargeBodies {

    private static final int REQUEST_ENTITY_TOO_LARGE = 413;

    @ConfigProperty(name = "claimpilot.http.max-body-size")
    MemorySize maxBodySize;
    /** The customer form carries up to 5 photos of 10 MiB in one post (claimpilot.claim-links.max-body-size). */
    @ConfigProperty(name = "claimpilot.claim-links.max-body-size", defaultValue = "52M")
    MemorySize maxCustomerFormBody;
    @ConfigProperty(name = "claimpilot.policy.limits.max-total-size")
    MemorySize maxPolicyFiles;
    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        // Before Quarkus's own check of the length (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2).
        router.route().order(-3).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = -1; // Vert.x refuses a malformed length itself
        }
        long limit = context.request().path().startsWith("/claim/") ? maxCustomerFormBody.asLongValue() : maxBodySize.asLongValue();
        if (declared > limit) {
            answer(context);
        } else {
            context.next();
        }
    }

    private void answer(RoutingContext context) {
        boolean policyUpload = context.request().path().startsWith("/api/policies");
        String detail = "The request body is over the limit of " + mebibytes(maxBodySize) + " MiB"
                + (policyUpload ? ": a policy upload may carry at most " + mebibytes(maxPolicyFiles) + " MiB of files in all"
                        + " (claimpilot.policy.limits.max-total-size); upload fewer or smaller files" : "");
        Problem problem = new Problem("about:blank", "Request body too large", REQUEST_ENTITY_TOO_LARGE, detail,
                policyUpload ? "files" : "body", List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            context.fail(e);
            return;
        }
        // The rest of the body is not read: the client is told to stop sending it.
        context.response().setStatusCode(REQUEST_ENTITY_TOO_LARGE).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(body);
    }

    private static String mebibytes(MemorySize size) {
        long bytes = size.asLongValue();
        return bytes % (1024 * 1024) == 0 ? String.valueOf(bytes / (1024 * 1024))
                : String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024));
    }
}

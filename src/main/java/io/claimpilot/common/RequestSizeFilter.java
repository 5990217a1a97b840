package io.claimpilot.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses JSON bodies over 1 MiB before anything reads them, with a problem the caller can act on.
 * File uploads (policy spreadsheets) are bounded by quarkus.http.limits.max-body-size instead.
 */
public class RequestSizeFilter {

    public static final long MAX_BODY_BYTES = 1024 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseLargeBodies(ContainerRequestContext request) {
        boolean upload = request.getMediaType() != null && "multipart".equals(request.getMediaType().getType());
        if (!upload && request.getLength() > MAX_BODY_BYTES) {
            return Optional.of(Problem.response(ApiProblem.invalidField("body",
                    "is " + request.getLength() + " bytes; the limit is 1 MiB (" + MAX_BODY_BYTES + " bytes)")));
        }
        return Optional.empty();
    }
}

package io.claimpilot.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns every failure into {@code application/problem+json}, without stack traces or internals; where a part of the
 * service shows pages to people ({@link ErrorPages}, the console), that part answers for its own paths.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    Instance<ErrorPages> pages;
    @Inject
    DatabaseOutageLog databaseOutages;

    /** Where a part of the service shows pages (the console: see {@link ErrorPages}) a refused action is a page. */
    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, HttpServerRequest request) {
        return page(p -> p.refused(request.path(), problem)).orElseGet(() -> Problem.response(problem));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return Problem.response(ApiProblem.invalidField("body", "is not valid JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return unreadableField(e);
    }

    @ServerExceptionMapper
    public Response unreadableField(JsonMappingException e) {
        String field = fieldPath(e);
        return Problem.response(ApiProblem.invalidField(field.isEmpty() ? "body" : field, readableMessage(e)));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problem.response(ApiProblem.invalidField("body", "cannot be read: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    /** A failed sign-in, or a session no longer valid: the page's redirect where there is one, else 401 problem+json. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        return page(p -> p.unauthenticated(request.path())).orElseGet(ProblemMappers::unauthenticated);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return page(p -> p.forbidden(request.path()))
                .orElseGet(() -> Problem.response(403, "Forbidden", "Your API key's role may not do this"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.response(404, "Not found", "No such resource");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableField(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return Problem.response(ApiProblem.invalidField("body", "is not valid JSON: " + json.getOriginalMessage()));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return Problem.response(status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), e.getMessage());
    }

    /**
     * Anything unexpected: logged with an id the caller can quote, never shown. A database that cannot serve any
     * request (down, restarting, out of connections or disk) is not unexpected: that is a {@code 503} the caller
     * may retry, and its cause is logged once rather than once per request.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Optional<DatabaseUnavailable> database = DatabaseUnavailable.causeOf(e);
        if (database.isPresent()) {
            return databaseUnavailable(database.get(), e);
        }
        String errorId = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", errorId);
        return Problem.response(500, "Internal error", "Something went wrong on our side; quote error id " + errorId);
    }

    private Response databaseUnavailable(DatabaseUnavailable kind, RuntimeException e) {
        databaseOutages.refused(kind, DatabaseUnavailable.sqlCause(e).orElse(null));
        Response problem = Problem.response(503, "Service unavailable",
                kind.title() + "; try again later");
        return Response.fromResponse(problem).header("Retry-After", kind.retryAfter().toSeconds()).build();
    }

    /** The first page an {@link ErrorPages} implementation gives for this failure, if any claims it. */
    private Optional<Response> page(Function<ErrorPages, Optional<Response>> ask) {
        return pages.stream().map(ask).flatMap(Optional::stream).findFirst();
    }

    private static Response unauthenticated() {
        Response problem = Problem.response(401, "Unauthorized", "Send a valid API key as 'Authorization: Bearer <key>'");
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String readableMessage(JsonMappingException e) {
        if (e instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            if (target != null && target.isEnum()) {
                return "'" + invalid.getValue() + "' is not one of " + Arrays.stream(target.getEnumConstants())
                        .map(Object::toString).collect(Collectors.joining(", "));
            }
            if (target != null && Number.class.isAssignableFrom(target)) {
                return "'" + invalid.getValue() + "' is not a number";
            }
            if (target == java.time.LocalDate.class) {
                return "'" + invalid.getValue() + "' is not a date written as YYYY-MM-DD";
            }
            return "'" + invalid.getValue() + "' is not a valid value";
        }
        return "has the wrong type or shape";
    }
}

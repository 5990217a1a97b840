package io.claimpilot.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The RFC 9457 body of every error response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String field,
                      List<ApiProblem.FieldViolation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Response response(int status, String title, String detail) {
        return response(new Problem("about:blank", title, status, detail, null, List.of()));
    }

    public static Response response(ApiProblem problem) {
        String field = problem.violations().isEmpty() ? null : problem.violations().get(0).field();
        Response response = response(new Problem("about:blank", problem.title(), problem.status(), problem.getMessage(),
                field, problem.violations()));
        return problem.retryAfter()
                .map(wait -> Response.fromResponse(response).header("Retry-After", Math.max(1, wait.toSeconds())).build())
                .orElse(response);
    }

    private static Response response(Problem body) {
        return Response.status(body.status()).type(PROBLEM_JSON).entity(body).build();
    }
}

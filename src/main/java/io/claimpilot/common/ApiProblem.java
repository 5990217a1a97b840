package io.claimpilot.common;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An error the caller can act on, rendered as {@code application/problem+json}. Validation problems name
 * each field; nothing is stored when one is thrown, because it rolls the transaction back.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final transient List<FieldViolation> violations;
    private final transient Duration retryAfter;

    public ApiProblem(int status, String title, String detail, List<FieldViolation> violations) {
        this(status, title, detail, violations, null);
    }

    private ApiProblem(int status, String title, String detail, List<FieldViolation> violations, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ApiProblem invalid(List<FieldViolation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid, first " + violations.get(0).field() + ": " + violations.get(0).message();
        return new ApiProblem(400, "Invalid request", detail, violations);
    }

    public static ApiProblem invalidField(String field, String message) {
        return invalid(List.of(new FieldViolation(field, message)));
    }

    /** One field's problem under a status other than 400 (413 too large, 415 unsupported type, 409 over a limit). */
    public static ApiProblem field(int status, String title, String field, String message) {
        return new ApiProblem(status, title, field + ": " + message, List.of(new FieldViolation(field, message)));
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "Not found", what + " does not exist");
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }

    /** 503: the service cannot take this now, and says when to come back ({@code Retry-After}). */
    public static ApiProblem unavailable(String title, String detail, Duration retryAfter) {
        return new ApiProblem(503, title, detail, List.of(), retryAfter);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** When the caller should try again, or empty when retrying will not help. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** One invalid field, named by its JSON path such as {@code items[0].unitPrice.currency}. */
    public record FieldViolation(String field, String message) {
    }
}

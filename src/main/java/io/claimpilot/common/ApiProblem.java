package io.claimpilot.common;

import java.util.List;

/**
 * An error the caller can act on, rendered as {@code application/problem+json}. Validation problems name
 * each field; nothing is stored when one is thrown, because it rolls the transaction back.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final transient List<FieldViolation> violations;

    public ApiProblem(int status, String title, String detail, List<FieldViolation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
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

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "Not found", what + " does not exist");
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
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

    /** One invalid field, named by its JSON path such as {@code items[0].unitPrice.currency}. */
    public record FieldViolation(String field, String message) {
    }
}

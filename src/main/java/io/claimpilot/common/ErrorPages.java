package io.claimpilot.common;

import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * Error pages of a part of the service that answers people rather than programs (the console). {@link ProblemMappers}
 * asks every implementation first and answers problem+json when none claims the path, so common knows no page.
 */
public interface ErrorPages {

    /** A refused action ({@link ApiProblem}) at this path, as a page; empty to answer problem+json. */
    Optional<Response> refused(String path, ApiProblem problem);

    /** A failed sign-in or a session no longer valid at this path, as a page or a redirect; empty for a 401. */
    Optional<Response> unauthenticated(String path);

    /** A wrong role at this path, as a page; empty for a 403 problem. */
    Optional<Response> forbidden(String path);
}

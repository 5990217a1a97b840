package io.claimpilot.outbox;

import java.time.Duration;

/**
 * An action that did not succeed. {@link Kind#RETRYABLE} failures (timeouts, 5xx, 429) are tried again with backoff,
 * after {@link #retryAfter()} when the provider said so. {@link Kind#NEEDS_REVIEW} failures (Stripe's
 * {@code charge_already_refunded} or {@code amount_too_large}) will not get better by retrying: the claim goes to a
 * person. {@link Kind#PERMANENT} failures (bad credentials, a 4xx that is our fault) mark the action failed at once.
 */
public class ActionFailure extends RuntimeException {

    public enum Kind { RETRYABLE, NEEDS_REVIEW, PERMANENT }

    private final Kind kind;
    private final Duration retryAfter;

    public ActionFailure(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public static ActionFailure retryable(String message, Throwable cause) {
        return new ActionFailure(Kind.RETRYABLE, message, null, cause);
    }

    public static ActionFailure rateLimited(String message, Duration retryAfter) {
        return new ActionFailure(Kind.RETRYABLE, message, retryAfter, null);
    }

    public static ActionFailure needsReview(String message) {
        return new ActionFailure(Kind.NEEDS_REVIEW, message, null, null);
    }

    public static ActionFailure permanent(String message, Throwable cause) {
        return new ActionFailure(Kind.PERMANENT, message, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** How long the provider asked us to wait (429 Retry-After), or null to use the backoff. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

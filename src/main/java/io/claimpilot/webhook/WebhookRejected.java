package io.claimpilot.webhook;

/**
 * A delivery that cannot ever be processed (a payload we cannot read, a configuration that is missing): it is marked
 * FAILED at once instead of being retried.
 */
public class WebhookRejected extends RuntimeException {

    public WebhookRejected(String message) {
        super(message);
    }

    public WebhookRejected(String message, Throwable cause) {
        super(message, cause);
    }
}

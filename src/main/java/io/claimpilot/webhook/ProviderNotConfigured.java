package io.claimpilot.webhook;

/**
 * A delivery needs a provider setting (a credential) that is not configured: {@link WebhookProcessor} fails it at once
 * with this reason instead of retrying, since no retry can succeed before someone sets it.
 */
public class ProviderNotConfigured extends RuntimeException {

    public ProviderNotConfigured(String message) {
        super(message);
    }
}

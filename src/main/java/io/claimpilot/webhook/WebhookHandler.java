package io.claimpilot.webhook;

/**
 * Processes the stored deliveries of one provider, inside the job's transaction for that delivery. Whatever it does
 * (a claim, a recorded refund, the events it fires) commits together with the delivery marked done, or not at all,
 * and then the delivery is tried again. Handlers must therefore be safe to run twice on one delivery.
 */
public interface WebhookHandler {

    /** The provider name deliveries are stored under, e.g. {@code "shopify"}. */
    String provider();

    /** Does what the delivery asks; returns a one-line outcome kept on the delivery (no personal data). */
    String handle(WebhookDelivery delivery);
}

package io.claimpilot.webhook;

import java.time.Instant;

/**
 * The warehouse shipped a reshipment we created (ShipStation {@code SHIP_NOTIFY}). Fired as a CDI event after the
 * webhook's shipments were fetched; the outbox marks the RESHIP action shipped and tells the customer.
 *
 * @param orderKey       the order key we sent when creating the reshipment (the RESHIP action's idempotency key)
 * @param trackingNumber the carrier's tracking number
 * @param carrier        the carrier code, e.g. {@code "ups"}, or null
 * @param shippedAt      when it shipped, or null when not given
 */
public record ReshipmentShipped(String orderKey, String trackingNumber, String carrier, Instant shippedAt) {
}

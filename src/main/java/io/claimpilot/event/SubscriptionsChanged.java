package io.claimpilot.event;

/** Fired inside the transaction that made, rotated or deleted a subscription: caches of the list are dropped after it commits. */
public record SubscriptionsChanged(String subscriptionId) {
}

package io.claimpilot.claim;

/** How far the order had gone when the claim arrived. */
public enum Fulfillment {
    UNFULFILLED,
    FULFILLED,
    DELIVERED
}

/**
 * Prometheus metrics for operators, on the management interface's {@code /q/metrics}. Nothing in the flow or the
 * domain calls this package: {@link io.claimpilot.metrics.ClaimMetrics} counts what happened from the events the flow
 * and the outbox publish, after their transaction committed; {@link io.claimpilot.metrics.StateGauges} reads the state
 * every replica shares (the review queue, the outbox, today's budget) from the database, cached for a few seconds.
 * Labels are bounded sets (reasons, actions, statuses, currencies): never a claim, an order or a customer.
 */
package io.claimpilot.metrics;

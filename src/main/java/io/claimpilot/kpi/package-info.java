/**
 * Indicators over the claims created in a window: how many were decided, how many automatically, how fast, how much
 * was refunded, what customers thought, and the pilot cohort against the control. Read-only: everything here is SQL
 * aggregates over the claim, decision, audit, message, resolution, CSAT and feedback tables.
 */
package io.claimpilot.kpi;

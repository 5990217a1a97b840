/**
 * The typed actions a decision calls for, as the flow queues them in the outbox and the connectors carry them out.
 * Each is a record serialized as JSON in the outbox's payload column; none is ever a {@code Map}.
 */
package io.claimpilot.action;

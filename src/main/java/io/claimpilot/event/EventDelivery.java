package io.claimpilot.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event on its way to one subscription: the outbox payload of {@value #ACTION}. The claim's data is frozen when
 * the event happens (as {@code GET /api/claims/{id}} showed it then, without personal data unless the subscription
 * asks for it); the body is signed when it is sent, with the subscription's secret at that time.
 *
 * @param eventId     the event's id, the same for every subscription and every retry ({@code webhook-id})
 * @param occurredAt  when it happened: the body's {@code timestamp}
 */
public record EventDelivery(String eventId, String subscriptionId, String claimId, EventType type, Instant occurredAt,
                            JsonNode data) {

    public static final String ACTION = "EVENT_DELIVERY";

    /** The outbox qualifier: each event goes to each subscription once. */
    public String qualifier() {
        return eventId + ":" + subscriptionId;
    }
}

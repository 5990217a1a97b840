package io.claimpilot.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimEscalated;
import io.claimpilot.claim.ClaimMoved;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.common.Ids;
import io.claimpilot.decision.ClaimDecided;
import io.claimpilot.event.EventDelivery;
import io.claimpilot.event.EventSubscriptions;
import io.claimpilot.event.EventType;
import io.claimpilot.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns what happens to a claim into outbound events: one outbox entry per event and subscription, queued in the
 * transaction that made it happen, so an event goes out only once that transaction committed, and never for a change
 * that was rolled back. Observes the flow's own events synchronously (not after commit, which would lose the event when
 * the service stops in between). The claim's data is frozen as {@code GET /api/claims/{id}} shows it at that moment.
 *
 * <ul>
 *   <li>{@code claim.created}: intake stored the claim and its evidence, before the policy decides it;</li>
 *   <li>{@code claim.decided}: every decision, by the policy or a person ({@link ClaimDecided});</li>
 *   <li>{@code claim.escalated}: the claim went to a person ({@link ClaimEscalated});</li>
 *   <li>{@code claim.completed} and {@code claim.failed}: the claim's refund or reshipment ran, or failed for good.</li>
 * </ul>
 */
@ApplicationScoped
public class ClaimEventFeed {

    @Inject
    EventSubscriptions subscriptions;
    @Inject
    ClaimQueries queries;
    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    /** Intake stored a new claim (called in intake's transaction). */
    void created(Claim claim) {
        publish(claim, EventType.CLAIM_CREATED);
    }

    void onDecided(@Observes ClaimDecided decided) {
        publish(decided.claimId(), EventType.CLAIM_DECIDED);
    }

    void onEscalated(@Observes ClaimEscalated escalated) {
        publish(escalated.claimId(), EventType.CLAIM_ESCALATED);
    }

    void onMoved(@Observes ClaimMoved moved) {
        if (moved.to() == ClaimStatus.COMPLETED) {
            publish(moved.claimId(), EventType.CLAIM_COMPLETED);
        } else if (moved.to() == ClaimStatus.FAILED) {
            publish(moved.claimId(), EventType.CLAIM_FAILED);
        }
    }

    private void publish(String claimId, EventType type) {
        // Asked first, from memory: with no subscription, a claim's intake reads nothing more.
        if (subscriptions.subscribersOf(type).isEmpty()) {
            return;
        }
        publish(Claim.<Claim>findById(claimId), type);
    }

    private void publish(Claim claim, EventType type) {
        List<EventSubscriptions.Subscriber> subscribers = subscriptions.subscribersOf(type);
        if (subscribers.isEmpty()) {
            return;
        }
        JsonNode full = json.valueToTree(queries.view(claim));
        JsonNode withoutPersonalData = withoutPersonalData(full);
        String eventId = Ids.newId("evt");
        Instant occurredAt = clock.instant();
        for (EventSubscriptions.Subscriber subscriber : subscribers) {
            EventDelivery delivery = new EventDelivery(eventId, subscriber.id(), claim.id, type, occurredAt,
                    subscriber.includePersonalData() ? full : withoutPersonalData);
            outbox.enqueue(claim.id, EventDelivery.ACTION, delivery.qualifier(), delivery);
        }
    }

    /**
     * The claim without what identifies or locates the customer: their name and e-mail, the shipping address, evidence
     * links (photos of their home or parcel label) and tracking numbers (they lead to the address), their own words
     * from the claim form, and the comment of their satisfaction answer. The shop's own customer id stays, so that the
     * receiver can act on the claim.
     */
    static JsonNode withoutPersonalData(JsonNode claim) {
        ObjectNode copy = claim.deepCopy();
        if (copy.get("customer") instanceof ObjectNode customer) {
            customer.remove(List.of("email", "name"));
        }
        copy.remove(List.of("shippingAddress", "customerDescription"));
        if (copy.get("evidence") != null) {
            copy.get("evidence").forEach(evidence -> ((ObjectNode) evidence).remove(List.of("url", "trackingNumber")));
        }
        if (copy.get("csat") instanceof ObjectNode csat) {
            csat.remove("comment");
        }
        return copy;
    }
}

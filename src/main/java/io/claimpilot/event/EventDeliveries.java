package io.claimpilot.event;

import io.claimpilot.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subscription's recent deliveries, read from the outbox rows its events were queued as (one row per event and
 * subscription, with its attempts, status and outcome), newest first.
 */
@ApplicationScoped
public class EventDeliveries {

    /** The status code a failed attempt recorded in its error ("HTTP 500 from ..."). */
    private static final Pattern STATUS_IN_ERROR = Pattern.compile("\\bHTTP (\\d{3})\\b");

    @Inject
    EventSubscriptions subscriptions;
    @Inject
    EntityManager em;

    /**
     * @param actionId    the outbox action: {@code POST /api/actions/{actionId}/retry} sends a FAILED one again
     * @param status      the outbox status: PENDING (queued, or waiting for a retry), IN_PROGRESS, DONE, FAILED
     * @param statusCode  the endpoint's last HTTP answer, null when it gave none (timeout, refused address)
     * @param lastError   why the last attempt failed, null after a success
     */
    public record DeliveryView(long actionId, String eventId, String type, String claimId, String status, int attempts,
                               Integer statusCode, String lastError, Instant createdAt, Instant updatedAt,
                               Instant completedAt, Instant nextAttemptAt) {
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Page<DeliveryView> recent(String subscriptionId, int page, int size) {
        Page.check(page, size);
        subscriptions.require(subscriptionId);
        List<Object[]> rows = em.createNativeQuery("""
                        select id, payload ->> 'eventId', payload ->> 'type', claim_id, status, attempts,
                               result ->> 'statusCode', last_error, created_at, updated_at, completed_at, next_attempt_at
                          from outbox
                         where action = :action and payload ->> 'subscriptionId' = :subscription
                         order by id desc offset :offset limit :limit""")
                .setParameter("action", EventDelivery.ACTION)
                .setParameter("subscription", subscriptionId)
                .setParameter("offset", (long) page * size)
                .setParameter("limit", size)
                .getResultList();
        long total = ((Number) em.createNativeQuery("""
                        select count(*) from outbox where action = :action and payload ->> 'subscriptionId' = :subscription""")
                .setParameter("action", EventDelivery.ACTION)
                .setParameter("subscription", subscriptionId)
                .getSingleResult()).longValue();
        return new Page<>(rows.stream().map(EventDeliveries::view).toList(), page, size, total);
    }

    private static DeliveryView view(Object[] row) {
        String lastError = (String) row[7];
        String status = (String) row[4];
        Integer statusCode = row[6] != null ? Integer.valueOf((String) row[6]) : null;
        if (statusCode == null && lastError != null && !"DONE".equals(status)) {
            Matcher inError = STATUS_IN_ERROR.matcher(lastError);
            statusCode = inError.find() ? Integer.valueOf(inError.group(1)) : null;
        }
        return new DeliveryView(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                status, ((Number) row[5]).intValue(), statusCode, "DONE".equals(status) ? null : lastError,
                instant(row[8]), instant(row[9]), instant(row[10]), "PENDING".equals(status) ? instant(row[11]) : null);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Not a time: " + value.getClass());
    }
}

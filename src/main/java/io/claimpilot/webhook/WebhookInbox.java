package io.claimpilot.webhook;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The table of received deliveries. Endpoints only {@link #store} (one insert); the job takes due deliveries one at a
 * time with {@code FOR UPDATE SKIP LOCKED}, so several replicas never process the same delivery at once.
 */
@ApplicationScoped
public class WebhookInbox {

    private static final int MAX_ERROR_LENGTH = 1000;

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.webhooks.max-attempts", defaultValue = "10")
    int maxAttempts;
    @ConfigProperty(name = "claimpilot.webhooks.first-retry-after", defaultValue = "30s")
    Duration firstRetryAfter;
    @ConfigProperty(name = "claimpilot.webhooks.max-retry-after", defaultValue = "1h")
    Duration maxRetryAfter;

    /** Stores a verified delivery once; false when the provider already delivered it (a replay). */
    @Transactional
    public boolean store(String provider, String deliveryId, String topic, byte[] body) {
        return store(provider, deliveryId, null, topic, body);
    }

    /**
     * Stores a verified delivery once per delivery id and, when the provider names its event ({@code eventId} not
     * null), once per event: the same event sent again under a new delivery id is a duplicate too. A duplicate is not
     * stored; the delivery already stored counts it in {@code duplicates}.
     */
    @Transactional
    public boolean store(String provider, String deliveryId, String eventId, String topic, byte[] body) {
        Instant now = clock.instant();
        // No conflict target: a clash on either unique key (delivery id, or event id) makes it a duplicate.
        int inserted = em.createNativeQuery("insert into webhook_delivery (provider, delivery_id, event_id, topic, body,"
                        + " status, next_attempt_at, received_at) values (:provider, :delivery, :event, :topic, :body,"
                        + " 'PENDING', :now, :now) on conflict do nothing")
                .setParameter("provider", provider)
                .setParameter("delivery", deliveryId)
                .setParameter("event", eventId)
                .setParameter("topic", topic)
                .setParameter("body", body)
                .setParameter("now", now)
                .executeUpdate();
        if (inserted == 0) {
            countDuplicate(provider, deliveryId, eventId);
        }
        return inserted == 1;
    }

    private void countDuplicate(String provider, String deliveryId, String eventId) {
        String sameEvent = eventId == null ? "" : " or event_id = :event";
        var update = em.createNativeQuery("update webhook_delivery set duplicates = duplicates + 1 where provider = :provider"
                        + " and (delivery_id = :delivery" + sameEvent + ")")
                .setParameter("provider", provider)
                .setParameter("delivery", deliveryId);
        if (eventId != null) {
            update.setParameter("event", eventId);
        }
        update.executeUpdate();
    }

    /** Ids of deliveries whose (next) attempt is due, oldest first. Not locked: {@link #process} locks each one. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Long> dueIds(int limit) {
        List<Number> ids = em.createNativeQuery("select id from webhook_delivery where status = 'PENDING'"
                        + " and next_attempt_at <= :now order by next_attempt_at, id limit :limit")
                .setParameter("now", clock.instant())
                .setParameter("limit", limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * Locks one due delivery (skipping it when another replica holds it), runs the handler and marks it done, all in
     * one new transaction. Empty when the delivery was not due or not free. A handler exception rolls everything back.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> process(long id, Function<WebhookDelivery, String> handler) {
        if (!lockDue(id)) {
            return Optional.empty();
        }
        WebhookDelivery delivery = WebhookDelivery.findById(id);
        String outcome = handler.apply(delivery);
        delivery.status = WebhookDelivery.Status.DONE;
        delivery.attempts++;
        delivery.outcome = truncate(outcome);
        delivery.lastError = null;
        delivery.processedAt = clock.instant();
        return Optional.of(delivery.outcome);
    }

    /**
     * Records a failed attempt in its own transaction: tried again after an exponential backoff with jitter, or FAILED
     * when it can never succeed or has used its attempts.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(long id, String error, boolean permanent) {
        if (!lockDue(id)) {
            return;
        }
        WebhookDelivery delivery = WebhookDelivery.findById(id);
        delivery.attempts++;
        delivery.lastError = truncate(error);
        if (permanent || delivery.attempts >= maxAttempts) {
            delivery.status = WebhookDelivery.Status.FAILED;
            delivery.processedAt = clock.instant();
        } else {
            delivery.nextAttemptAt = clock.instant().plus(backoff(delivery.attempts));
        }
    }

    /**
     * Deletes finished deliveries received before a time. Their raw bodies hold customers' personal data, so they are not
     * kept for ever; a provider replaying a delivery older than that would be stored again (none retries that long).
     */
    @Transactional
    public int deleteFinishedBefore(Instant before) {
        return em.createNativeQuery("delete from webhook_delivery where status in ('DONE', 'FAILED') and received_at < :before")
                .setParameter("before", before)
                .executeUpdate();
    }

    /** Deliveries newest first, without their bodies; {@code status} and {@code provider} narrow the list. */
    @Transactional
    public Page<DeliveryView> list(String status, String provider, int page, int size) {
        Page.check(page, size);
        WebhookDelivery.Status wanted = null;
        if (status != null) {
            try {
                wanted = WebhookDelivery.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("status", "must be PENDING, DONE or FAILED");
            }
        }
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (wanted != null) {
            where.append(" and status = :status");
            params.put("status", wanted);
        }
        if (provider != null && !provider.isBlank()) {
            where.append(" and provider = :provider");
            params.put("provider", provider);
        }
        var query = WebhookDelivery.<WebhookDelivery>find(where.toString(), Sort.descending("id"), params);
        return new Page<>(query.page(page, size).list().stream().map(DeliveryView::of).toList(), page, size, query.count());
    }

    /** Sends a FAILED delivery round again, now, with its attempts kept on record. */
    @Transactional
    public DeliveryView retry(long id) {
        WebhookDelivery delivery = WebhookDelivery.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null) {
            throw ApiProblem.notFound("Webhook delivery " + id);
        }
        if (delivery.status != WebhookDelivery.Status.FAILED) {
            throw ApiProblem.conflict("Webhook delivery " + id + " is " + delivery.status + ", not FAILED");
        }
        delivery.status = WebhookDelivery.Status.PENDING;
        delivery.nextAttemptAt = clock.instant();
        delivery.processedAt = null;
        return DeliveryView.of(delivery);
    }

    /** A delivery as an admin sees it: what happened, never the raw body (it holds personal data). */
    public record DeliveryView(long id, String provider, String deliveryId, String eventId, String topic,
                               WebhookDelivery.Status status, int attempts, Instant nextAttemptAt, String lastError,
                               String outcome, int duplicates, Instant receivedAt, Instant processedAt) {
        static DeliveryView of(WebhookDelivery d) {
            return new DeliveryView(d.id, d.provider, d.deliveryId, d.eventId, d.topic, d.status, d.attempts, d.nextAttemptAt,
                    d.lastError, d.outcome, d.duplicates, d.receivedAt, d.processedAt);
        }
    }

    @Transactional
    public WebhookDelivery find(String provider, String deliveryId) {
        return WebhookDelivery.find("provider = ?1 and deliveryId = ?2", provider, deliveryId).firstResult();
    }

    /** The wait after the n-th failed attempt: doubling from the first wait, capped, with up to 20 % jitter. */
    Duration backoff(int attempts) {
        long base = firstRetryAfter.toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(base, maxRetryAfter.toMillis());
        long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(capped - jitter);
    }

    private boolean lockDue(long id) {
        return !em.createNativeQuery("select id from webhook_delivery where id = :id and status = 'PENDING'"
                        + " and next_attempt_at <= :now for update skip locked")
                .setParameter("id", id)
                .setParameter("now", clock.instant())
                .getResultList().isEmpty();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}

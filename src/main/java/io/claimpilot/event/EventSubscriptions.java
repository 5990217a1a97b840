package io.claimpilot.event;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Ids;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Subscriptions to claim events, for admins: make one (its secret shown once), list, read, delete, rotate the secret.
 * The flow asks {@link #subscribersOf} on every claim event: answered from memory, so intake pays nothing when nobody
 * subscribed. The list is read again after a change on this replica, and at least every
 * {@code claimpilot.events.subscriptions-refresh} for changes made on another one.
 */
@ApplicationScoped
public class EventSubscriptions {

    private static final Logger LOG = Logger.getLogger(EventSubscriptions.class);
    static final int MAX_DESCRIPTION_LENGTH = 500;

    @Inject
    TargetAddresses targets;
    @Inject
    SubscriptionSecrets secrets;
    @Inject
    Event<SubscriptionsChanged> changed;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.events.max-subscriptions", defaultValue = "20")
    int maxSubscriptions;
    @ConfigProperty(name = "claimpilot.events.rotation-overlap", defaultValue = "24h")
    Duration rotationOverlap;
    @ConfigProperty(name = "claimpilot.events.subscriptions-refresh", defaultValue = "5s")
    Duration refresh;

    /** What an admin sends; {@code includePersonalData} defaults to false. */
    public record SubscriptionRequest(String url, List<String> events, String description, Boolean includePersonalData) {
    }

    /** A subscription as admins see it: never its secret. */
    public record SubscriptionView(String id, String url, List<String> events, String description,
                                   boolean includePersonalData, String createdBy, Instant createdAt,
                                   Instant secretRotatedAt) {
        static SubscriptionView of(EventSubscription subscription) {
            return new SubscriptionView(subscription.id, subscription.url, List.copyOf(subscription.events),
                    subscription.description, subscription.includePersonalData, subscription.createdBy,
                    subscription.createdAt, subscription.secretRotatedAt);
        }
    }

    /** The answer to a creation or a rotation: the only time the secret is shown. */
    public record SubscriptionWithSecret(@JsonUnwrapped SubscriptionView subscription, String secret) {
    }

    /** Who receives an event of a kind, as the flow needs it to queue deliveries. */
    public record Subscriber(String id, Set<EventType> events, boolean includePersonalData) {
    }

    /** Where and how a delivery is sent: the URL and the secrets that sign it (the current one first). */
    public record SigningTarget(URI url, List<String> secrets) {
    }

    private record Cached(List<Subscriber> subscribers, long loadedAtNanos) {
    }

    private volatile Cached cached;

    @Transactional
    public SubscriptionWithSecret create(SubscriptionRequest request, String admin) {
        if (request == null) {
            throw ApiProblem.invalidField("url", "is required");
        }
        URI url = targets.checkSubscriptionUrl("url", request.url());
        List<String> events = checkEvents(request.events());
        String description = checkDescription(request.description());
        secrets.requireKey();
        if (EventSubscription.count() >= maxSubscriptions) {
            throw ApiProblem.field(409, "Too many subscriptions", "url", "at most " + maxSubscriptions
                    + " subscriptions (claimpilot.events.max-subscriptions): delete one first");
        }
        EventSubscription subscription = new EventSubscription();
        subscription.id = Ids.newId("es");
        subscription.url = url.toString();
        subscription.events = events;
        subscription.description = description;
        subscription.includePersonalData = Boolean.TRUE.equals(request.includePersonalData());
        String secret = secrets.newSecret();
        subscription.secretCiphertext = secrets.encrypt(subscription.id, secret);
        subscription.createdBy = admin;
        subscription.createdAt = clock.instant();
        subscription.persist();
        changed.fire(new SubscriptionsChanged(subscription.id));
        // The URL stays out of the log: a Zapier or Make hook URL is itself a bearer secret.
        LOG.infof("Event subscription %s to %s made by %s", subscription.id, events, admin);
        return new SubscriptionWithSecret(SubscriptionView.of(subscription), secret);
    }

    @Transactional
    public List<SubscriptionView> list() {
        return EventSubscription.<EventSubscription>listAll(Sort.ascending("createdAt", "id")).stream()
                .map(SubscriptionView::of).toList();
    }

    @Transactional
    public SubscriptionView get(String id) {
        return SubscriptionView.of(require(id));
    }

    @Transactional
    public void delete(String id, String admin) {
        EventSubscription subscription = require(id);
        subscription.delete();
        changed.fire(new SubscriptionsChanged(id));
        LOG.infof("Event subscription %s deleted by %s", id, admin);
    }

    /**
     * A new secret, shown once. The previous one keeps signing next to it (a second {@code v1,} signature) for
     * {@code claimpilot.events.rotation-overlap}, so the receiver can switch to the new one without losing events.
     */
    @Transactional
    public SubscriptionWithSecret rotateSecret(String id, String admin) {
        EventSubscription subscription = require(id);
        secrets.requireKey();
        Instant now = clock.instant();
        String secret = secrets.newSecret();
        subscription.previousSecretCiphertext = subscription.secretCiphertext;
        subscription.previousSecretExpiresAt = now.plus(rotationOverlap);
        subscription.secretCiphertext = secrets.encrypt(subscription.id, secret);
        subscription.secretRotatedAt = now;
        LOG.infof("Event subscription %s: secret rotated by %s", id, admin);
        return new SubscriptionWithSecret(SubscriptionView.of(subscription), secret);
    }

    /** The subscription's target and signing secrets now; empty when it was deleted. */
    @Transactional
    public Optional<SigningTarget> signingTarget(String id) {
        EventSubscription subscription = EventSubscription.findById(id);
        if (subscription == null) {
            return Optional.empty();
        }
        List<String> signing = new ArrayList<>();
        signing.add(secrets.decrypt(id, subscription.secretCiphertext));
        if (subscription.previousSecretCiphertext != null && subscription.previousSecretExpiresAt != null
                && clock.instant().isBefore(subscription.previousSecretExpiresAt)) {
            signing.add(secrets.decrypt(id, subscription.previousSecretCiphertext));
        }
        return Optional.of(new SigningTarget(URI.create(subscription.url), List.copyOf(signing)));
    }

    /** 404 unless the subscription exists. */
    public EventSubscription require(String id) {
        EventSubscription subscription = id == null ? null : EventSubscription.findById(id);
        if (subscription == null) {
            throw ApiProblem.notFound("Event subscription " + id);
        }
        return subscription;
    }

    /**
     * The subscriptions that receive this kind of event, from memory. Called in the caller's transaction (intake's,
     * a decision's); reads the table only when the memory is older than the refresh interval or was dropped.
     */
    public List<Subscriber> subscribersOf(EventType type) {
        Cached current = cached;
        // A monotonic clock, not the injected business clock: tests move that one by days, and this is only a cache.
        if (current == null || System.nanoTime() - current.loadedAtNanos() > refresh.toNanos()) {
            current = load();
        }
        return current.subscribers().stream().filter(subscriber -> subscriber.events().contains(type)).toList();
    }

    private Cached load() {
        long started = System.nanoTime();
        List<Subscriber> subscribers = EventSubscription.<EventSubscription>listAll(Sort.ascending("createdAt", "id")).stream()
                .map(s -> new Subscriber(s.id, eventTypes(s.events), s.includePersonalData)).toList();
        Cached loaded = new Cached(subscribers, started);
        cached = loaded;
        return loaded;
    }

    void dropCache(@Observes(during = TransactionPhase.AFTER_COMPLETION) SubscriptionsChanged change) {
        cached = null;
    }

    private static Set<EventType> eventTypes(List<String> names) {
        Set<EventType> types = new LinkedHashSet<>();
        names.forEach(name -> EventType.fromWireName(name).ifPresent(types::add));
        return Set.copyOf(types);
    }

    private static List<String> checkEvents(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw ApiProblem.invalidField("events", "must list at least one of " + wireNames());
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String name = events.get(i);
            if (name == null || EventType.fromWireName(name.strip()).isEmpty()) {
                throw ApiProblem.invalidField("events[" + i + "]", "unknown event type " + (name == null ? "null"
                        : "'" + abbreviate(name) + "'") + ": must be one of " + wireNames());
            }
            distinct.add(name.strip());
        }
        return List.copyOf(distinct);
    }

    private static String checkDescription(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            throw ApiProblem.invalidField("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (description.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw ApiProblem.invalidField("description", "must not contain control characters");
        }
        return description.strip();
    }

    private static List<String> wireNames() {
        return java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList();
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}

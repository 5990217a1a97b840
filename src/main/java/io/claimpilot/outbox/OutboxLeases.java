package io.claimpilot.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The outbox's state changes, each in its own short transaction: taking due actions under a lease, and recording
 * how they ended. No transaction is ever open while a provider is called.
 */
@ApplicationScoped
class OutboxLeases {

    private static final Logger LOG = Logger.getLogger(OutboxLeases.class);
    private static final int MAX_ERROR = 2000;

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    Event<ActionEvent> progress;
    @ConfigProperty(name = "claimpilot.dispatch.lease")
    Duration lease;
    @ConfigProperty(name = "claimpilot.dispatch.max-attempts")
    int maxAttempts;
    @ConfigProperty(name = "claimpilot.dispatch.backoff-base")
    Duration backoffBase;
    @ConfigProperty(name = "claimpilot.dispatch.backoff-max")
    Duration backoffMax;
    @ConfigProperty(name = "claimpilot.dispatch.confirm-after")
    Duration confirmAfter;

    private final RandomGenerator random = RandomGenerator.getDefault();
    /** This replica, as recorded on the actions it takes. */
    private final String replica = replicaName();

    /** What a dispatcher holds: a copy of the entry, and the token that proves the lease is still its own. */
    record Lease(OutboxEntry entry, String token, long takenAtNanos) {
        /** Whether the lease is still young enough that renewing it before the call is not worth a transaction. */
        boolean fresh(Duration lease) {
            return System.nanoTime() - takenAtNanos < lease.toNanos() / 4;
        }
    }

    /**
     * Takes up to {@code batch} due actions of the given kinds: pending ones whose time has come, and ones whose
     * lease ran out (the replica holding them crashed or hung). Rows another replica is taking right now are
     * skipped, not waited for. Each is marked IN_PROGRESS until the lease ends.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Lease> takeDue(Collection<String> actions, int batch) {
        if (actions.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from outbox where action in (:actions) and ("
                        + " (status = 'PENDING' and next_attempt_at <= :now)"
                        + " or (status = 'IN_PROGRESS' and locked_until <= :now))"
                        + " order by next_attempt_at, id limit :batch for update skip locked")
                .setParameter("actions", actions)
                .setParameter("now", now)
                .setParameter("batch", batch)
                .getResultList();
        List<Lease> taken = new ArrayList<>();
        // One query for the batch's rows, not one per row.
        Map<Long, OutboxEntry> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("from OutboxEntry where id in :ids", OutboxEntry.class)
                    .setParameter("ids", ids.stream().map(Number::longValue).toList())
                    .getResultList().forEach(row -> rows.put(row.id, row));
        }
        for (Number id : ids) {
            OutboxEntry entry = rows.get(id.longValue());
            if (entry.status == OutboxStatus.IN_PROGRESS) {
                LOG.warnf("Action %d (%s) was held past its lease: taking it again with the same idempotency key",
                        entry.id, entry.idempotencyKey);
            }
            entry.status = OutboxStatus.IN_PROGRESS;
            entry.attempts++;
            if (entry.firstAttemptedAt == null) {
                entry.firstAttemptedAt = now;
            }
            entry.lockedUntil = now.plus(lease);
            entry.leaseToken = UUID.randomUUID().toString();
            entry.dispatchedBy = replica;
            entry.updatedAt = now;
            progress.fire(new ActionEvent(entry, ActionEvent.Stage.STARTED, null, null));
            taken.add(new Lease(copy(entry), entry.leaseToken, System.nanoTime()));
        }
        flushHere();
        return taken;
    }

    /**
     * Starts the lease again just before the provider is called: an action that waited behind slow calls in its
     * batch gets its full lease for its own call. Returns false when the lease ran out meanwhile and another replica
     * took the action: then this one must not call.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean renew(Lease lease) {
        if (lease.fresh(this.lease)) {
            // Taken a moment ago: the lease has nearly all its time left, and the row is still ours.
            return true;
        }
        return em.createQuery("update OutboxEntry set lockedUntil = :until where id = :id and leaseToken = :token"
                        + " and status = :inProgress")
                .setParameter("until", clock.instant().plus(this.lease))
                .setParameter("id", lease.entry().id)
                .setParameter("token", lease.token())
                .setParameter("inProgress", OutboxStatus.IN_PROGRESS)
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void succeeded(Lease lease, ActionResult result) {
        held(lease).ifPresent(entry -> recordSuccess(entry, result));
        flushHere();
    }

    /**
     * Writes this transaction's changes now, inside the method, rather than at commit: a database that refuses them
     * (down, or its disk full) then fails the call like any statement, where the dispatcher handles it, instead of
     * failing the commit inside the transaction manager, which logs the whole failure itself.
     */
    private void flushHere() {
        em.flush();
    }

    /**
     * Executes actions that call no provider (a sandbox connector, a message the sandbox helpdesk records) and records
     * their outcomes, all in this one transaction: their effects and their outcomes are kept together or not at all.
     * Each row stays locked from the check of its lease to the commit, so no other replica can take it meanwhile.
     * Any failure rolls back the whole group and is thrown: the dispatcher then runs each on its own.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int executeAndRecord(List<Lease> group, java.util.function.Function<OutboxEntry, ActionResult> execution) {
        int executed = 0;
        for (Lease lease : group) {
            Optional<OutboxEntry> held = held(lease);
            if (held.isPresent()) {
                recordSuccess(held.get(), execution.apply(lease.entry()));
                executed++;
                // Each action's rows are written and let go before the next: the persistence context stays the size of
                // one action, instead of every later query's auto-flush checking (and, for JSON columns whose copies
                // never compare equal, rewriting) all the entities of the batch so far.
                em.flush();
                em.clear();
            }
        }
        return executed;
    }

    private void recordSuccess(OutboxEntry entry, ActionResult result) {
        Instant now = clock.instant();
        entry.providerReference = result.providerReference();
        entry.result = result.details() == null ? null : new HashMap<>(result.details());
        // lastError stays: what went wrong before this attempt succeeded is worth seeing.
        release(entry, now);
        if (result.outcome() == ActionResult.Outcome.AWAITING_CONFIRMATION) {
            entry.status = OutboxStatus.AWAITING_CONFIRMATION;
            // Its report should come by itself; if it has not come by then, the provider is asked.
            entry.nextAttemptAt = now.plus(confirmAfter);
            return;
        }
        entry.status = OutboxStatus.DONE;
        entry.completedAt = now;
        progress.fire(new ActionEvent(entry, ActionEvent.Stage.SUCCEEDED, null, null));
    }

    /**
     * Gives a taken action back without calling its provider (the kill switch went on while it waited in its batch):
     * PENDING again, due at once, and the attempt not counted. It runs when automation resumes.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void holdBack(Lease lease) {
        held(lease).ifPresent(entry -> {
            Instant now = clock.instant();
            release(entry, now);
            entry.status = OutboxStatus.PENDING;
            entry.attempts--;
            entry.nextAttemptAt = now;
            LOG.infof("Action %d (%s) held back: the kill switch is on", entry.id, entry.action);
        });
        flushHere();
    }

    /**
     * Takes up to {@code batch} actions of these kinds that have awaited their provider's report for too long, and
     * sets the time each is asked about again: another replica skips them until then.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<OutboxEntry> takeOverdueConfirmations(Collection<String> actions, int batch) {
        if (actions.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from outbox where action in (:actions)"
                        + " and status = 'AWAITING_CONFIRMATION' and next_attempt_at <= :now"
                        + " order by next_attempt_at, id limit :batch for update skip locked")
                .setParameter("actions", actions)
                .setParameter("now", now)
                .setParameter("batch", batch)
                .getResultList();
        List<OutboxEntry> taken = new ArrayList<>();
        for (Number id : ids) {
            OutboxEntry entry = OutboxEntry.findById(id.longValue());
            entry.nextAttemptAt = now.plus(confirmAfter);
            taken.add(copy(entry));
        }
        return taken;
    }

    /**
     * Settles an action from what its provider said when asked: done, or failed. One a report settled meanwhile is
     * left as it is.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void confirmedByProvider(long id, boolean succeeded, String reason, Map<String, Object> details) {
        OutboxEntry entry = em.find(OutboxEntry.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (entry != null && entry.status == OutboxStatus.AWAITING_CONFIRMATION) {
            confirm(entry, succeeded, reason, details);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failed(Lease lease, ActionFailure failure) {
        held(lease).ifPresent(entry -> {
            Instant now = clock.instant();
            String reason = truncate(failure.getMessage());
            entry.lastError = reason;
            release(entry, now);
            switch (failure.kind()) {
                case RETRYABLE -> retryLater(entry, failure, now);
                case NEEDS_REVIEW -> {
                    end(entry, now);
                    progress.fire(new ActionEvent(entry, ActionEvent.Stage.NEEDS_REVIEW, reason, null));
                }
                case PERMANENT -> {
                    end(entry, now);
                    progress.fire(new ActionEvent(entry, ActionEvent.Stage.FAILED, reason, null));
                }
            }
        });
        flushHere();
    }

    /** Settles an action from the provider's later report (a webhook); ignores one that is already settled. */
    @Transactional(Transactional.TxType.MANDATORY)
    void confirm(OutboxEntry entry, boolean succeeded, String reason, Map<String, Object> details) {
        if (entry.status == OutboxStatus.SUPERSEDED && succeeded) {
            // Money hazard: it was replaced because it had not succeeded; if the provider says it did after all, the
            // subject may have been served twice. Kept as SUPERSEDED, and loud, for a person to check.
            LOG.errorf("Action %d (%s) of %s was SUPERSEDED, yet its provider reports it succeeded (%s): check it by hand",
                    entry.id, entry.action, entry.claimId, details);
        }
        if (entry.status.settled()) {
            return;
        }
        Instant now = clock.instant();
        release(entry, now);
        if (details != null) {
            Map<String, Object> result = entry.result == null ? new HashMap<>() : new HashMap<>(entry.result);
            result.putAll(details);
            entry.result = result;
        }
        if (succeeded) {
            entry.status = OutboxStatus.DONE;
            entry.completedAt = now;
            progress.fire(new ActionEvent(entry, ActionEvent.Stage.SUCCEEDED, null, null));
        } else {
            entry.lastError = truncate(reason);
            end(entry, now);
            progress.fire(new ActionEvent(entry, ActionEvent.Stage.NEEDS_REVIEW, entry.lastError, null));
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> pendingActionKinds() {
        return em.createNativeQuery("select distinct action from outbox where status = 'PENDING'").getResultList();
    }

    private void retryLater(OutboxEntry entry, ActionFailure failure, Instant now) {
        if (entry.attempts >= maxAttempts) {
            entry.lastError = truncate("Gave up after " + entry.attempts + " attempts: " + entry.lastError);
            end(entry, now);
            progress.fire(new ActionEvent(entry, ActionEvent.Stage.FAILED, entry.lastError, null));
            return;
        }
        Duration wait = failure.retryAfter() != null ? failure.retryAfter()
                : new Backoff(backoffBase, backoffMax).after(entry.attempts, random);
        entry.status = OutboxStatus.PENDING;
        entry.nextAttemptAt = now.plus(wait);
        LOG.infof("Action %d (%s) attempt %d failed, next in %s: %s", entry.id, entry.action, entry.attempts, wait,
                entry.lastError);
    }

    private static void end(OutboxEntry entry, Instant now) {
        entry.status = OutboxStatus.FAILED;
        entry.completedAt = now;
        LOG.warnf("Action %d (%s) for claim %s FAILED: %s", entry.id, entry.action, entry.claimId, entry.lastError);
    }

    private static void release(OutboxEntry entry, Instant now) {
        entry.lockedUntil = null;
        entry.leaseToken = null;
        entry.updatedAt = now;
    }

    /**
     * The entry, locked, if this dispatcher still holds its lease. A lease that ran out and was taken by another
     * replica is no longer ours: that replica records the outcome (it calls with the same idempotency key).
     */
    private Optional<OutboxEntry> held(Lease lease) {
        OutboxEntry entry = em.find(OutboxEntry.class, lease.entry().id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (entry == null || !lease.token().equals(entry.leaseToken) || entry.status != OutboxStatus.IN_PROGRESS) {
            LOG.warnf("Action %d: the lease was lost before its outcome was recorded; the current holder records it",
                    lease.entry().id);
            return Optional.empty();
        }
        return Optional.of(entry);
    }

    private static OutboxEntry copy(OutboxEntry entry) {
        OutboxEntry copy = new OutboxEntry();
        copy.id = entry.id;
        copy.claimId = entry.claimId;
        copy.action = entry.action;
        copy.idempotencyKey = entry.idempotencyKey;
        copy.payload = entry.payload == null ? null : entry.payload.deepCopy();
        copy.status = entry.status;
        copy.attempts = entry.attempts;
        copy.createdAt = entry.createdAt;
        copy.nextAttemptAt = entry.nextAttemptAt;
        copy.firstAttemptedAt = entry.firstAttemptedAt;
        copy.providerReference = entry.providerReference;
        copy.lockedUntil = entry.lockedUntil;
        copy.updatedAt = entry.updatedAt;
        return copy;
    }

    private static String replicaName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    private static String truncate(String text) {
        if (text == null) {
            return "no reason given";
        }
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}

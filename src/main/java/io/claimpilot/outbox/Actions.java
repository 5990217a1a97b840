package io.claimpilot.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Outbox actions as admins and providers' reports see them: listing, retrying a failed one, superseding the ones a
 * new decision replaced, finding the action a report is about, and settling it.
 */
@ApplicationScoped
public class Actions {

    private static final Logger LOG = Logger.getLogger(Actions.class);

    @Inject
    OutboxLeases leases;
    @Inject
    Event<ActionEvent> progress;
    @Inject
    Clock clock;

    public record ActionView(long id, String claimId, String action, String idempotencyKey, OutboxStatus status, int attempts,
                             Instant nextAttemptAt, String lastError, String providerReference, String dispatchedBy,
                             JsonNode payload, Map<String, Object> result, Instant createdAt,
                             Instant updatedAt, Instant completedAt) {
        static ActionView of(OutboxEntry e) {
            return new ActionView(e.id, e.claimId, e.action, e.idempotencyKey, e.status, e.attempts, e.nextAttemptAt,
                    e.lastError, e.providerReference, e.dispatchedBy, e.payload, e.result, e.createdAt, e.updatedAt, e.completedAt);
        }
    }

    /** Newest first, by status (FAILED when none is given) and optionally by claim. */
    @Transactional
    public Page<ActionView> list(String status, String claimId, int page, int size) {
        Page.check(page, size);
        OutboxStatus wanted = status(status);
        Map<String, Object> params = new HashMap<>();
        params.put("status", wanted);
        String where = "status = :status";
        if (claimId != null && !claimId.isBlank()) {
            where += " and claimId = :claimId";
            params.put("claimId", claimId);
        }
        var query = OutboxEntry.<OutboxEntry>find(where, Sort.descending("id"), params);
        return new Page<>(query.page(page, size).list().stream().map(ActionView::of).toList(), page, size, query.count());
    }

    private static OutboxStatus status(String status) {
        if (status == null || status.isBlank()) {
            return OutboxStatus.FAILED;
        }
        try {
            return OutboxStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("status", "must be one of "
                    + new TreeSet<>(Arrays.stream(OutboxStatus.values()).map(Enum::name).toList()));
        }
    }

    /** The action, locked for the caller's transaction; 404 when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEntry lock(long id) {
        OutboxEntry entry = OutboxEntry.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (entry == null) {
            throw ApiProblem.notFound("Action " + id);
        }
        return entry;
    }

    /**
     * An admin sends a FAILED action round again, with its attempts reset and the same idempotency key. Whoever owns
     * the action's subject checks first that this is the action to retry (see {@link #current}); the outbox only
     * knows that a FAILED action can run again and nothing else can.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ActionView retry(OutboxEntry entry, String admin) {
        if (entry.status != OutboxStatus.FAILED) {
            throw ApiProblem.conflict("Action " + entry.id + " is " + entry.status + ": only a FAILED action can be retried");
        }
        progress.fire(new ActionEvent(entry, ActionEvent.Stage.RETRIED, null, admin));
        Instant now = clock.instant();
        entry.status = OutboxStatus.PENDING;
        entry.attempts = 0;
        entry.nextAttemptAt = now;
        entry.completedAt = null;
        entry.updatedAt = now;
        LOG.infof("Action %d (%s) retried by %s", entry.id, entry.action, admin);
        return ActionView.of(entry);
    }

    /**
     * The subject's current action among these kinds: the latest one that was not superseded. Only it may still
     * run or be retried.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OutboxEntry> current(String subject, Collection<String> actions) {
        return OutboxEntry.find("claimId = ?1 and action in ?2 and status <> ?3 order by id desc", subject, actions,
                OutboxStatus.SUPERSEDED).firstResultOptional();
    }

    /**
     * Marks the subject's actions of these kinds that have not run to the end (PENDING or FAILED) as SUPERSEDED: they
     * never run again, and cannot be retried. Money hazard: an action a provider may be carrying out right now
     * (IN_PROGRESS) or has accepted (AWAITING_CONFIRMATION) cannot be taken back, so it refuses with 409 and changes
     * nothing; its outcome must be known first.
     *
     * @return the actions it superseded
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<OutboxEntry> supersede(String subject, Collection<String> actions, String by, String why) {
        List<OutboxEntry> open = OutboxEntry.<OutboxEntry>find("claimId = ?1 and action in ?2 and status in ?3 order by id",
                subject, actions, EnumSet.of(OutboxStatus.PENDING, OutboxStatus.IN_PROGRESS, OutboxStatus.AWAITING_CONFIRMATION,
                        OutboxStatus.FAILED)).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        open.stream().filter(entry -> entry.status == OutboxStatus.IN_PROGRESS || entry.status == OutboxStatus.AWAITING_CONFIRMATION)
                .findFirst().ifPresent(running -> {
                    throw ApiProblem.conflict("Action " + running.id + " (" + running.action + ") is " + running.status
                            + " at the provider: wait for its outcome before deciding again");
                });
        Instant now = clock.instant();
        for (OutboxEntry entry : open) {
            Map<String, Object> result = entry.result == null ? new HashMap<>() : new HashMap<>(entry.result);
            result.put("supersededBy", by);
            result.put("supersededBecause", why);
            result.put("statusBefore", entry.status.name());
            entry.result = result;
            entry.status = OutboxStatus.SUPERSEDED;
            entry.completedAt = now;
            entry.updatedAt = now;
            LOG.infof("Action %d (%s) of %s superseded by %s: %s", entry.id, entry.action, subject, by, why);
        }
        return open;
    }

    /** The action of this kind the provider knows by this reference, locked for the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OutboxEntry> lockByProviderReference(String action, String providerReference) {
        return OutboxEntry.find("action = ?1 and providerReference = ?2", action, providerReference)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The action of this kind sent under this idempotency key, locked for the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OutboxEntry> lockByIdempotencyKey(String action, String idempotencyKey) {
        return OutboxEntry.find("idempotencyKey = ?1 and action = ?2", idempotencyKey, action)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The subject's latest action of this kind, locked for the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<OutboxEntry> lockLatest(String claimId, String action) {
        return OutboxEntry.find("claimId = ?1 and action = ?2 order by id desc", claimId, action)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * Settles an action from the provider's later report (a webhook), adding what it said to the action's result.
     * An action that is already settled is left as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settle(OutboxEntry entry, boolean succeeded, String reason, Map<String, Object> details) {
        leases.confirm(entry, succeeded, reason, details);
    }
}

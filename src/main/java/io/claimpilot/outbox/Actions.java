package io.claimpilot.outbox;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Page;
import io.claimpilot.message.MessageSituation;
import io.claimpilot.webhook.RefundStatusReported;
import io.claimpilot.webhook.ReshipmentShipped;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Outbox actions as admins and webhooks see them: listing, retrying a failed one, and the providers' later reports. */
@ApplicationScoped
public class Actions {

    private static final Logger LOG = Logger.getLogger(Actions.class);
    private static final Set<String> STATUSES = Set.of(OutboxEntry.PENDING, OutboxEntry.IN_PROGRESS,
            OutboxEntry.AWAITING_CONFIRMATION, OutboxEntry.DONE, OutboxEntry.FAILED);

    @Inject
    OutboxLeases leases;
    @Inject
    ClaimProgress claims;
    @Inject
    Outbox outbox;
    @Inject
    Clock clock;

    public record ActionView(long id, String claimId, String action, String idempotencyKey, String status, int attempts,
                             Instant nextAttemptAt, String lastError, String providerReference, String dispatchedBy,
                             Map<String, Object> payload, Map<String, Object> result, Instant createdAt,
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
        String wanted = status == null || status.isBlank() ? OutboxEntry.FAILED : status.strip();
        if (!STATUSES.contains(wanted)) {
            throw ApiProblem.invalidField("status", "must be one of " + new java.util.TreeSet<>(STATUSES));
        }
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

    /** An admin sends a FAILED action round again, with its attempts reset and the same idempotency key. */
    @Transactional
    public ActionView retry(long id, String admin) {
        OutboxEntry entry = OutboxEntry.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (entry == null) {
            throw ApiProblem.notFound("Action " + id);
        }
        if (!entry.status.equals(OutboxEntry.FAILED)) {
            throw ApiProblem.conflict("Action " + id + " is " + entry.status + ": only a FAILED action can be retried");
        }
        claims.retried(entry, admin);
        Instant now = clock.instant();
        entry.status = OutboxEntry.PENDING;
        entry.attempts = 0;
        entry.nextAttemptAt = now;
        entry.completedAt = null;
        entry.updatedAt = now;
        LOG.infof("Action %d (%s) retried by %s", entry.id, entry.action, admin);
        return ActionView.of(entry);
    }

    /** Stripe (or another provider) reported the end of a refund that was still pending when we asked for it. */
    @Transactional
    public void refundReported(RefundStatusReported report) {
        OutboxEntry entry = refundFor(report);
        if (entry == null) {
            LOG.warnf("A %s refund report (%s, %s) matches no refund action", report.provider(),
                    report.providerRefundId(), report.status());
            return;
        }
        if (entry.providerReference == null) {
            entry.providerReference = report.providerRefundId();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refundStatus", report.status());
        switch (report.status() == null ? "" : report.status()) {
            case "succeeded" -> leases.confirm(entry, true, null, details);
            case "failed", "canceled" -> leases.confirm(entry, false, report.provider() + " reported the refund "
                    + report.status() + (report.failureReason() == null ? "" : ": " + report.failureReason()), details);
            default -> LOG.infof("Refund %s of claim %s is still %s", report.providerRefundId(), entry.claimId, report.status());
        }
    }

    /** The warehouse shipped a reshipment: record the tracking number and tell the customer. */
    @Transactional
    public void reshipmentShipped(ReshipmentShipped shipped) {
        OutboxEntry entry = OutboxEntry.find("idempotencyKey = ?1 and action = ?2", shipped.orderKey(), Outbox.RESHIP)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (entry == null) {
            LOG.warnf("A shipment for order key %s matches no reshipment action", shipped.orderKey());
            return;
        }
        Map<String, Object> tracking = new LinkedHashMap<>();
        tracking.put("trackingNumber", shipped.trackingNumber());
        if (shipped.carrier() != null) {
            tracking.put("carrier", shipped.carrier());
        }
        Map<String, Object> result = entry.result == null ? new HashMap<>() : new HashMap<>(entry.result);
        result.putAll(tracking);
        result.put("shippedAt", String.valueOf(shipped.shippedAt() == null ? clock.instant() : shipped.shippedAt()));
        entry.result = result;
        entry.updatedAt = clock.instant();
        // Shipped proves the order exists: an action still waiting for its own outcome is settled now.
        leases.confirm(entry, true, null, null);
        outbox.notifyCustomer(entry.claimId, MessageSituation.RESHIPMENT_SHIPPED, tracking);
    }

    private static OutboxEntry refundFor(RefundStatusReported report) {
        if (report.providerRefundId() != null) {
            OutboxEntry byReference = OutboxEntry.find("action = ?1 and providerReference = ?2", Outbox.REFUND,
                    report.providerRefundId()).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
            if (byReference != null) {
                return byReference;
            }
        }
        if (report.claimId() == null) {
            return null;
        }
        // Not recorded yet (the webhook beat our own record of the call): the claim's latest refund.
        return OutboxEntry.find("claimId = ?1 and action = ?2 order by id desc", report.claimId(), Outbox.REFUND)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}

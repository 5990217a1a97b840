package io.claimpilot.connector.sandbox;

import io.claimpilot.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The record every sandbox connector writes instead of calling a provider. Like the real providers it honours
 * idempotency keys: a second call with the same key returns the first response and records nothing new.
 */
@ApplicationScoped
public class SandboxCalls {

    @Inject
    Clock clock;
    @Inject
    EntityManager em;

    /**
     * Records a call and returns its response, or returns the response already recorded for this idempotency key.
     * Joins the dispatcher's transaction when it executes sandbox actions together with the record of their outcome
     * (outbox/Dispatcher): the call and its outcome are then kept together or not at all, so a retry never finds a
     * call without its outcome. Called with no transaction open, it runs in one of its own, as before.
     */
    @Transactional
    public Map<String, Object> record(String connector, String operation, String idempotencyKey, String claimId,
                                      Map<String, Object> request, Supplier<Map<String, Object>> response) {
        if (idempotencyKey != null) {
            // Serialises concurrent calls with one key, so two replicas retrying at once still record one call.
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                    .setParameter("key", connector + ":" + operation + ":" + idempotencyKey)
                    .getSingleResult();
            SandboxCall earlier = SandboxCall.find("connector = ?1 and operation = ?2 and idempotencyKey = ?3",
                    connector, operation, idempotencyKey).firstResult();
            if (earlier != null) {
                return earlier.response;
            }
        }
        SandboxCall call = new SandboxCall();
        call.connector = connector;
        call.operation = operation;
        call.idempotencyKey = idempotencyKey;
        call.claimId = claimId;
        call.request = request;
        call.response = response.get();
        call.createdAt = clock.instant();
        call.persist();
        return call.response;
    }

    /** Newest first; {@code connector} and {@code claimId} narrow the list when given. */
    @Transactional
    public Page<SandboxCallView> list(String connector, String claimId, int page, int size) {
        Page.check(page, size);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (connector != null && !connector.isBlank()) {
            where.append(" and connector = :connector");
            params.put("connector", connector);
        }
        if (claimId != null && !claimId.isBlank()) {
            where.append(" and claimId = :claimId");
            params.put("claimId", claimId);
        }
        var query = SandboxCall.<SandboxCall>find(where.toString(), Sort.descending("id"), params);
        var items = query.page(page, size).list().stream().map(SandboxCallView::of).toList();
        return new Page<>(items, page, size, query.count());
    }

    /** How many calls a connector received for an operation: what tests and crash checks count. */
    @Transactional
    public long count(String connector, String operation) {
        return SandboxCall.count("connector = ?1 and operation = ?2", connector, operation);
    }

    public record SandboxCallView(long id, String connector, String operation, String idempotencyKey, String claimId,
                                  Map<String, Object> request, Map<String, Object> response, Instant createdAt) {
        static SandboxCallView of(SandboxCall call) {
            return new SandboxCallView(call.id, call.connector, call.operation, call.idempotencyKey, call.claimId,
                    call.request, call.response, call.createdAt);
        }
    }
}

package io.claimpilot.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An action to carry out, written with the decision that asked for it. Its {@link #status} is one of
 * {@code PENDING}, {@code IN_PROGRESS} (a dispatcher holds it until {@link #lockedUntil}),
 * {@code AWAITING_CONFIRMATION} (the provider accepted it and reports the end later), {@code DONE} or {@code FAILED}.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String AWAITING_CONFIRMATION = "AWAITING_CONFIRMATION";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "claim_id")
    public String claimId;
    public String action;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload;
    public String status;
    public int attempts;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    @Column(name = "lease_token")
    public String leaseToken;
    @Column(name = "dispatched_by")
    public String dispatchedBy;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "provider_reference")
    public String providerReference;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> result;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;

    public static List<OutboxEntry> forClaim(String claimId) {
        return list("claimId = ?1 order by id", claimId);
    }
}

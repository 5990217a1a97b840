package io.claimpilot.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.claimpilot.db.JsonColumnMapper;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
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
 * An action to carry out, written with the decision that asked for it. Its payload is a typed record (see
 * {@code io.claimpilot.action}) stored as JSON; {@link #status} says where it stands.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "claim_id")
    public String claimId;
    public String action;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode payload;
    @Enumerated(EnumType.STRING)
    public OutboxStatus status;
    public int attempts;
    @Column(name = "created_at")
    public Instant createdAt;
    /**
     * For PENDING: when it is due. For AWAITING_CONFIRMATION: when the provider is next asked how it ended.
     */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    /** When a dispatcher first called the provider for it; kept across retries. */
    @Column(name = "first_attempted_at")
    public Instant firstAttemptedAt;
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

    /**
     * The payload as the record it was queued as. A payload that does not read as that record is a permanent
     * failure: retrying cannot make it readable.
     */
    public <P> P payloadAs(Class<P> type) {
        try {
            return JsonColumnMapper.MAPPER.treeToValue(payload, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ActionFailure.permanent("The payload of action " + id + " is not a " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    public static List<OutboxEntry> forClaim(String claimId) {
        return list("claimId = ?1 order by id", claimId);
    }
}

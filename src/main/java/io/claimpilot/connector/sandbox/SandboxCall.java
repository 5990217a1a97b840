package io.claimpilot.connector.sandbox;

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
import java.util.Map;

/** One call a sandbox connector received instead of the real provider. */
@Entity
@Table(name = "sandbox_call")
public class SandboxCall extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String connector;
    public String operation;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "claim_id")
    public String claimId;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> request;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> response;
    @Column(name = "created_at")
    public Instant createdAt;
}

package io.claimpilot.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A long replay, run in the background by one replica and readable from any: its progress, then its report. */
@Entity
@Table(name = "replay_job")
public class ReplayJob extends PanacheEntityBase {

    public enum Status { RUNNING, DONE, FAILED }

    @Id
    public String id;
    @Column(name = "policy_version")
    public String policyVersion;
    @JdbcTypeCode(SqlTypes.JSON)
    public PolicyReplay.Selection selection;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "claims_done")
    public int claimsDone;
    @Column(name = "claims_total")
    public int claimsTotal;
    @JdbcTypeCode(SqlTypes.JSON)
    public PolicyReplay.Report report;
    public String error;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}

package io.claimpilot.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One pilot of a policy version: its share of customers, its control, its halting thresholds and who did what. */
@Entity
@Table(name = "policy_rollout")
public class PolicyRollout extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "version_hash")
    public String versionHash;
    public BigDecimal percent;
    @Enumerated(EnumType.STRING)
    public RolloutControl control;
    @Enumerated(EnumType.STRING)
    public RolloutState state;
    @Column(name = "override_rate_above")
    public BigDecimal overrideRateAbove;
    @Column(name = "flagged_wrong_rate_above")
    public BigDecimal flaggedWrongRateAbove;
    @Column(name = "min_decisions")
    public Integer minDecisions;
    @Column(name = "halt_reason")
    public String haltReason;
    @Column(name = "proposed_by")
    public String proposedBy;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public Instant changedAt;
    @Column(name = "ended_by")
    public String endedBy;
    @Column(name = "ended_at")
    public Instant endedAt;

    /** The running or halted pilot, if any: there is at most one (a unique index says so). */
    public static PolicyRollout live() {
        return find("state in ?1", List.of(RolloutState.RUNNING, RolloutState.HALTED)).firstResult();
    }

    public static PolicyRollout latest() {
        return find("order by id desc").firstResult();
    }

    public boolean halts() {
        return minDecisions != null && (overrideRateAbove != null || flaggedWrongRateAbove != null);
    }
}

package io.claimpilot.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One step of a pilot's ramp-up: the percent it goes to at its time, and when that happened. */
@Entity
@Table(name = "policy_rollout_step")
public class PolicyRolloutStep extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "rollout_id")
    public Long rolloutId;
    public int position;
    public BigDecimal percent;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "happened_at")
    public Instant happenedAt;

    public static List<PolicyRolloutStep> of(Long rolloutId) {
        return list("rolloutId = ?1 order by position", rolloutId);
    }
}

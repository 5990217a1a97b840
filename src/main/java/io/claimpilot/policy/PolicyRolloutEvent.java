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

/** What happened to a pilot, by whom and when; rows are only ever added, in the transaction of the change. */
@Entity
@Table(name = "policy_rollout_event")
public class PolicyRolloutEvent extends PanacheEntityBase {

    public enum Kind {
        STARTED,
        CHANGED,
        STEP,
        HALTED,
        COMPLETED,
        ENDED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "rollout_id")
    public Long rolloutId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public BigDecimal percent;
    public String actor;
    public Instant at;
    public String detail;

    static void record(PolicyRollout rollout, Kind kind, String actor, Instant at, String detail) {
        PolicyRolloutEvent event = new PolicyRolloutEvent();
        event.rolloutId = rollout.id;
        event.kind = kind;
        event.percent = rollout.percent;
        event.actor = actor;
        event.at = at;
        event.detail = detail;
        event.persist();
    }

    public static List<PolicyRolloutEvent> of(Long rolloutId) {
        return list("rolloutId = ?1 order by id", rolloutId);
    }
}

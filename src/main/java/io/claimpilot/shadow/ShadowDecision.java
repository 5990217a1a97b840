package io.claimpilot.shadow;

import io.claimpilot.decision.DecisionAction;
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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What a version in shadow mode proposed for one claim, beside the real decision whose facts it evaluated. */
@Entity
@Table(name = "shadow_decision")
public class ShadowDecision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "policy_version")
    public String policyVersion;
    @Column(name = "claim_id")
    public String claimId;
    /** The claim's first policy decision, made at intake: the one that acted. */
    @Column(name = "decision_id")
    public Long decisionId;
    @Enumerated(EnumType.STRING)
    public DecisionAction action;
    public BigDecimal amount;
    public String currency;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rules_fired")
    public List<String> rulesFired;
    @Column(name = "evaluated_at")
    public Instant evaluatedAt;
}

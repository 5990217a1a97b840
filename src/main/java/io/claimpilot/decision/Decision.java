package io.claimpilot.decision;

import io.claimpilot.common.Money;
import io.claimpilot.facts.ClaimFacts;
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

/**
 * A decision on a claim, by a policy version or an agent, kept with the facts it saw and the rules that fired.
 * A claim collects several over its life (evidence re-evaluated, agent resolution); the latest one stands.
 */
@Entity
@Table(name = "decision")
public class Decision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "claim_id")
    public String claimId;
    @Enumerated(EnumType.STRING)
    public DecisionAction action;
    public BigDecimal amount;
    public String currency;
    public Instant deadline;
    @Column(name = "message_key")
    public String messageKey;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> reasons;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "rules_fired")
    public List<String> rulesFired;
    @Column(name = "policy_version")
    public String policyVersion;
    /** {@code policy:<version>} or the agent's name. */
    @Column(name = "decided_by")
    public String decidedBy;
    @JdbcTypeCode(SqlTypes.JSON)
    public ClaimFacts facts;
    public String note;
    @Column(name = "decided_at")
    public Instant decidedAt;

    public Money money() {
        return amount == null ? null : Money.canonical(amount, currency);
    }

    public static Decision latestFor(String claimId) {
        return find("claimId = ?1 order by id desc", claimId).firstResult();
    }

    public static List<Decision> allFor(String claimId) {
        return list("claimId = ?1 order by id", claimId);
    }
}

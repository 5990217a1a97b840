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

    /** Who decides when a claim's evidence deadline passes with no proof: the claim goes to a person. */
    public static final String EVIDENCE_DEADLINE = "system:evidence-deadline";

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
    /** What the policy proposed when the money-safety limits overruled it (stored as fields, never parsed from text). */
    @Enumerated(EnumType.STRING)
    @Column(name = "overruled_action")
    public DecisionAction overruledAction;
    @Column(name = "overruled_amount")
    public BigDecimal overruledAmount;
    @Column(name = "overruled_currency")
    public String overruledCurrency;
    /** The pilot cohort the claim was decided in, or null when no pilot ran. */
    @Enumerated(EnumType.STRING)
    public Cohort cohort;

    public Money money() {
        return amount == null ? null : Money.canonical(amount, currency);
    }

    /**
     * What the policy proposed for this claim: its own action and amount, or, when the money-safety limits overruled
     * it to a person, the action it had proposed.
     */
    public PolicyVerdict.Overruled policyProposal() {
        if (overruledAction != null) {
            return new PolicyVerdict.Overruled(overruledAction,
                    overruledAmount == null ? null : Money.canonical(overruledAmount, overruledCurrency));
        }
        return new PolicyVerdict.Overruled(action, money());
    }

    public static Decision latestFor(String claimId) {
        return find("claimId = ?1 order by id desc", claimId).firstResult();
    }

    public static List<Decision> allFor(String claimId) {
        return list("claimId = ?1 order by id", claimId);
    }
}

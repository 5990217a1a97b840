package io.claimpilot.review;

import io.claimpilot.common.Money;
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

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An agent's resolution beside what the policy proposed. An override is a resolution that differs from a concrete
 * proposal of the policy (an action it chose, or one the money-safety limits overruled); analysts read these.
 */
@Entity
@Table(name = "review_resolution")
public class ReviewResolution extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "claim_id")
    public String claimId;
    @Column(name = "policy_version")
    public String policyVersion;
    @Enumerated(EnumType.STRING)
    @Column(name = "policy_action")
    public DecisionAction policyAction;
    @Column(name = "policy_amount")
    public BigDecimal policyAmount;
    @Enumerated(EnumType.STRING)
    @Column(name = "agent_action")
    public DecisionAction agentAction;
    @Column(name = "agent_amount")
    public BigDecimal agentAmount;
    public String currency;
    public boolean override;
    public String note;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /** As the API shows it. */
    public record View(String claimId, String policyVersion, DecisionAction policyAction, Money policyAmount,
                       DecisionAction agentAction, Money agentAmount, boolean override, String note,
                       String resolvedBy, Instant resolvedAt) {
    }

    public View view() {
        return new View(claimId, policyVersion, policyAction, policyAmount == null ? null : Money.canonical(policyAmount, currency),
                agentAction, agentAmount == null ? null : Money.canonical(agentAmount, currency), override, note, resolvedBy, resolvedAt);
    }
}

package io.claimpilot.feedback;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An agent's verdict on one automatic decision; a later verdict on the same decision replaces it ({@link DecisionVerdicts}). */
@Entity
@Table(name = "decision_feedback")
public class DecisionFeedback extends PanacheEntityBase {

    @Id
    @Column(name = "decision_id")
    public Long decisionId;
    @Column(name = "claim_id")
    public String claimId;
    /** The rule that decided: the last one the decision fired (null when no rule fired). Counted per rule in the KPIs. */
    public String rule;
    @Enumerated(EnumType.STRING)
    public Verdict verdict;
    /** Free text about the customer's case; blanked when the customer's data is erased. */
    public String note;
    @Column(name = "given_by")
    public String givenBy;
    @Column(name = "given_at")
    public Instant givenAt;
}

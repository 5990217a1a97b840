package io.claimpilot.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A claim waiting in the human queue, and, once worked, the agent's resolution. */
@Entity
@Table(name = "review_task")
public class ReviewTask extends PanacheEntityBase {

    @Id
    @Column(name = "claim_id")
    public String claimId;
    public String reason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sla_due")
    public Instant slaDue;
    public String assignee;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    public String resolution;
    public String note;
    /** A refund above the four-eyes amount, waiting for a second agent. */
    @Column(name = "proposed_action")
    public String proposedAction;
    @Column(name = "proposed_amount")
    public java.math.BigDecimal proposedAmount;
    @Column(name = "proposed_by")
    public String proposedBy;
    @Column(name = "proposed_note")
    public String proposedNote;
    @Column(name = "proposed_at")
    public Instant proposedAt;
    /** The {@link RefundProposal} waiting; an approval must name it. */
    @Column(name = "proposal_id")
    public String proposalId;
    /** When the current assignee took the task, and when they last did something with it. */
    @Column(name = "assigned_at")
    public Instant assignedAt;
    @Column(name = "touched_at")
    public Instant touchedAt;
    /** Copied from the claim when the task opens, so the queue filters on its own table. */
    @Column(name = "claim_reason")
    public String claimReason;
    public java.math.BigDecimal amount;
    public String currency;
}

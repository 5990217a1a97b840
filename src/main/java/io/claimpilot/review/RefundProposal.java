package io.claimpilot.review;

import io.claimpilot.common.Ids;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A refund above the four-eyes amount, as one agent proposed it. Never changed once made: a new amount is a new
 * proposal, so a second agent approves exactly what they read ({@link ReviewTask#proposalId} names the one waiting).
 */
@Entity
@Table(name = "refund_proposal")
public class RefundProposal extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "claim_id")
    public String claimId;
    public String action;
    public BigDecimal amount;
    public String currency;
    @Column(name = "proposed_by")
    public String proposedBy;
    public String note;
    @Column(name = "proposed_at")
    public Instant proposedAt;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "approval_note")
    public String approvalNote;

    public static RefundProposal make(String claimId, String action, BigDecimal amount, String currency, String proposedBy,
                                      String note, Instant at) {
        RefundProposal proposal = new RefundProposal();
        proposal.id = Ids.newId("prop");
        proposal.claimId = claimId;
        proposal.action = action;
        proposal.amount = amount;
        proposal.currency = currency;
        proposal.proposedBy = proposedBy;
        proposal.note = note;
        proposal.proposedAt = at;
        proposal.persist();
        return proposal;
    }
}

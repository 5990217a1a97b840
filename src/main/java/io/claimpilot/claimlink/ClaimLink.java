package io.claimpilot.claimlink;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A link a shop gave a customer: the order's facts, kept here, and the claim it made once used. */
@Entity
@Table(name = "claim_link")
public class ClaimLink extends PanacheEntityBase {

    @Id
    public String id;
    /** The shop key's caller id: the claim made from the link is that shop's claim. */
    public String caller;
    @Column(name = "order_id")
    public String orderId;
    /** Null once the customer's personal data are erased. */
    @JdbcTypeCode(SqlTypes.JSON)
    public ClaimLinkRequest facts;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "claim_id")
    public String claimId;
    @Column(name = "used_at")
    public Instant usedAt;

    public boolean used() {
        return claimId != null;
    }

    /** The link, its row locked until the transaction ends: two submits of one link take turns. */
    public static ClaimLink lockedById(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}

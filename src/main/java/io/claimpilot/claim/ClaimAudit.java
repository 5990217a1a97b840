package io.claimpilot.claim;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One state change of a claim: who or what, when, from, to, why. Written, never changed. */
@Entity
@Table(name = "claim_audit")
public class ClaimAudit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "claim_id")
    public String claimId;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public ClaimStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    public ClaimStatus toStatus;
    public String actor;
    public String reason;
    public Instant at;

    public static List<ClaimAudit> forClaim(String claimId) {
        return list("claimId = ?1 order by id", claimId);
    }
}

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

/** A photo (a link, or one stored with the claim) or a tracking number attached to a claim. */
@Entity
@Table(name = "evidence")
public class Evidence extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "claim_id")
    public String claimId;
    @Enumerated(EnumType.STRING)
    public EvidenceType type;
    public String url;
    @Column(name = "tracking_number")
    public String trackingNumber;
    /** The stored photo ({@code claim_photo}) of an uploaded PHOTO; null for a photo given by its URL. */
    @Column(name = "photo_id")
    public String photoId;
    @Column(name = "added_by")
    public String addedBy;
    @Column(name = "added_at")
    public Instant addedAt;

    public static List<Evidence> forClaim(String claimId) {
        return list("claimId = ?1 order by id", claimId);
    }
}

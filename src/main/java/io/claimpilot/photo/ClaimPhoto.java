package io.claimpilot.photo;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * A stored photo's description. Its bytes are not mapped here: a {@link PhotoStorage} reads and writes them, so
 * listing or counting a claim's photos never loads megabytes.
 */
@Entity
@Table(name = "claim_photo")
public class ClaimPhoto extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "claim_id")
    public String claimId;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "size_bytes")
    public long sizeBytes;
    public String sha256;
    /** Which {@link PhotoStorage} holds the bytes. */
    public String storage;
    /** Where that storage keeps the bytes, when not in this row: {@code s3://bucket/claims/<claimId>/<photoId>}. */
    @Column(name = "storage_ref")
    public String storageRef;
    @Column(name = "added_by")
    public String addedBy;
    @Column(name = "added_at")
    public Instant addedAt;

    public static List<ClaimPhoto> ofClaim(String claimId) {
        return list("claimId = ?1 order by addedAt, id", claimId);
    }

    public static long countOfClaim(String claimId) {
        return count("claimId", claimId);
    }
}

package io.claimpilot.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/**
 * One activation of a policy version; the latest row is the active version, for every replica. It names both people:
 * who proposed the version (its author) and who activated it, the same person only for a roll-back or the folder.
 */
@Entity
@Table(name = "policy_activation")
public class PolicyActivation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "version_hash")
    public String versionHash;
    @Column(name = "activated_by")
    public String activatedBy;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "proposed_by")
    public String proposedBy;
    /** Back to a version that was active before: one person is enough, since the version was already approved. */
    public boolean rollback;

    public static PolicyActivation latest() {
        return find("order by id desc").firstResult();
    }

    public static List<PolicyActivation> of(String hash) {
        return list("versionHash = ?1 order by id", hash);
    }
}

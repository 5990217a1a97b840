package io.claimpilot.shadow;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The version in shadow mode: one row at most, so every replica shadows the same version. */
@Entity
@Table(name = "shadow_policy")
public class ShadowPolicy extends PanacheEntityBase {

    static final short ONLY = 1;

    @Id
    public Short id;
    @Column(name = "version_hash")
    public String versionHash;
    @Column(name = "started_by")
    public String startedBy;
    @Column(name = "started_at")
    public Instant startedAt;

    static ShadowPolicy current() {
        return findById(ONLY);
    }
}

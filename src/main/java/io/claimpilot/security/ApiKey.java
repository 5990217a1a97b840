package io.claimpilot.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A caller's key. Only its SHA-256 is stored: keys are long random strings, so a fast hash is enough. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public String id;
    public String owner;
    public String role;
    @Column(name = "key_hash")
    public String keyHash;
    public boolean demo;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "revoked_by")
    public String revokedBy;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static ApiKey findActiveByHash(String keyHash) {
        return find("keyHash = ?1 and active = true", keyHash).firstResult();
    }

    public static long countActiveDemoKeys() {
        return count("demo = true and active = true");
    }
}

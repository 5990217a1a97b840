package io.claimpilot.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A key. Only its SHA-256 is stored: keys are long random strings, so a fast hash is enough. A person's key belongs to a
 * console user ({@link #userId}), a shop backend's key to a caller ({@link #callerId}); {@link #owner} is only a label.
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public String id;
    /** A label: what uses the key ("Reporting script"). Never an identity. */
    public String owner;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "caller_id")
    public String callerId;
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

    /** The active key with this hash whose holder may act: a shop's caller, or an active console user. */
    public static ApiKey findUsableByHash(String keyHash) {
        ApiKey key = find("keyHash = ?1 and active = true", keyHash).firstResult();
        if (key == null) {
            return null;
        }
        if (key.userId != null) {
            return ConsoleUser.findActive(key.userId) == null ? null : key;
        }
        return key.callerId == null ? null : key;
    }

    public static long countActiveDemoKeys() {
        return count("demo = true and active = true");
    }
}

package io.claimpilot.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint that receives claim events. Its signing secret is stored encrypted ({@link SubscriptionSecrets}) and
 * never shown again after it was made; after a rotation the previous one keeps signing too until it expires.
 */
@Entity
@Table(name = "event_subscription")
public class EventSubscription extends PanacheEntityBase {

    @Id
    public String id;
    public String url;
    /** Wire names, e.g. {@code claim.decided}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> events;
    public String description;
    @Column(name = "include_personal_data")
    public boolean includePersonalData;
    @Column(name = "secret_ciphertext")
    public String secretCiphertext;
    @Column(name = "previous_secret_ciphertext")
    public String previousSecretCiphertext;
    @Column(name = "previous_secret_expires_at")
    public Instant previousSecretExpiresAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "secret_rotated_at")
    public Instant secretRotatedAt;
}

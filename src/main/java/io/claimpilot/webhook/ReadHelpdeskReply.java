package io.claimpilot.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A customer's helpdesk reply already read for evidence: read again, it adds nothing. */
@Entity
@Table(name = "helpdesk_reply")
@IdClass(ReadHelpdeskReply.Key.class)
public class ReadHelpdeskReply extends PanacheEntityBase {

    @Id
    public String provider;
    @Id
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "claim_id")
    public String claimId;
    /** What the reply added, without personal data. */
    public String outcome;
    @Column(name = "read_at")
    public Instant readAt;

    static boolean wasRead(String provider, String messageId) {
        return findById(new Key(provider, messageId)) != null;
    }

    public record Key(String provider, String messageId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}

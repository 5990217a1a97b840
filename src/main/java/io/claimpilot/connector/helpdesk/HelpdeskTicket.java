package io.claimpilot.connector.helpdesk;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** The helpdesk ticket of a claim at one provider. */
@Entity
@Table(name = "helpdesk_ticket")
@IdClass(HelpdeskTicket.Key.class)
public class HelpdeskTicket extends PanacheEntityBase {

    @Id
    @Column(name = "claim_id")
    public String claimId;
    @Id
    public String provider;
    @Column(name = "ticket_id")
    public String ticketId;
    @Column(name = "created_at")
    public Instant createdAt;

    public record Key(String claimId, String provider) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}

package io.claimpilot.connector.helpdesk;

import io.claimpilot.claim.Claim;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

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

    /**
     * The claim whose ticket this is at a provider ({@code zendesk}, {@code gorgias}), in the caller's transaction: the
     * ticket ClaimPilot opened or wrote into, else a claim that came with this ticket ({@code helpdeskTicketId}, a
     * ticket at the shop's helpdesk) and has not been written to yet. One ticket holds one claim; should several claims
     * ever share a ticket, the newest is the one the customer answers about.
     */
    public static Optional<String> claimOf(String provider, String ticketId) {
        Optional<String> written = HelpdeskTicket.<HelpdeskTicket>find("provider = ?1 and ticketId = ?2 order by createdAt desc",
                provider, ticketId).firstResultOptional().map(ticket -> ticket.claimId);
        if (written.isPresent()) {
            return written;
        }
        return Claim.<Claim>find("helpdeskTicketId = ?1 order by createdAt desc", ticketId).firstResultOptional()
                .map(claim -> claim.id);
    }

    public record Key(String claimId, String provider) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}

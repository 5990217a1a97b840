package io.claimpilot.connector.helpdesk;

import io.claimpilot.claim.Claim;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.Optional;

/**
 * Posts to the helpdesk in use ({@link Helpdesks}), in the claim's one ticket: the first post opens it, the next ones
 * are added to it.
 */
@ApplicationScoped
public class HelpdeskTickets {

    @Inject
    Helpdesks helpdesks;
    @Inject
    Clock clock;
    @Inject
    EntityManager em;

    /** The helpdesk in use. */
    public Helpdesk helpdesk() {
        return helpdesks.current();
    }

    /** Uses another helpdesk from now on: tests point it at a fake provider. */
    public void use(Helpdesk other) {
        helpdesks.use(other);
    }

    /**
     * Posts in the claim's ticket, opening it with this post when the claim has none yet. A claim that came with the
     * customer's own ticket ({@code helpdeskTicketId}) has one: that ticket is recorded as the claim's and written
     * into, and none is opened. Opening is serialised per claim (a reply and a note decided together still share one
     * ticket), and the ticket id is stored only once the helpdesk has created it.
     */
    public Helpdesk.Posted post(Helpdesk.Requester requester, Helpdesk.Post post, String idempotencyKey) {
        Helpdesk current = helpdesk();
        Optional<String> ticket = QuarkusTransaction.joiningExisting().call(() -> ticketOf(post.claimId(), current));
        if (ticket.isPresent()) {
            return current.addToTicket(ticket.get(), requester, post, idempotencyKey);
        }
        Helpdesk.Posted opened = QuarkusTransaction.joiningExisting().call(() -> {
            em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:key))")
                    .setParameter("key", "helpdesk-ticket:" + post.claimId()).getSingleResult();
            if (ticketOf(post.claimId(), current).isPresent()) {
                return null;
            }
            Optional<String> given = givenTicket(post.claimId());
            if (given.isPresent()) {
                record(post.claimId(), current, given.get());
                return null;
            }
            Helpdesk.Posted posted = current.openTicket(requester, post, idempotencyKey);
            record(post.claimId(), current, posted.ticketId());
            return posted;
        });
        return opened != null ? opened : post(requester, post, idempotencyKey);
    }

    /** The claim's ticket at the helpdesk in use, if it has one. */
    public Optional<String> ticketOf(String claimId) {
        return QuarkusTransaction.joiningExisting().call(() -> ticketOf(claimId, helpdesk()));
    }

    private void record(String claimId, Helpdesk helpdesk, String ticketId) {
        HelpdeskTicket row = new HelpdeskTicket();
        row.claimId = claimId;
        row.provider = helpdesk.name();
        row.ticketId = ticketId;
        row.createdAt = clock.instant();
        row.persist();
    }

    /** The ticket the claim came with, at the shop's helpdesk. */
    private static Optional<String> givenTicket(String claimId) {
        Claim claim = Claim.findById(claimId);
        return Optional.ofNullable(claim).map(c -> c.helpdeskTicketId);
    }

    private static Optional<String> ticketOf(String claimId, Helpdesk helpdesk) {
        HelpdeskTicket ticket = HelpdeskTicket.findById(new HelpdeskTicket.Key(claimId, helpdesk.name()));
        return Optional.ofNullable(ticket).map(t -> t.ticketId);
    }
}

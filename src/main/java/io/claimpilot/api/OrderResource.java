package io.claimpilot.api;

import io.claimpilot.claim.OrderCorrection;
import io.claimpilot.claim.OrderCorrectionRequest;
import io.claimpilot.claim.OrderRecord;
import io.claimpilot.claim.OrderRecords;
import io.claimpilot.common.Money;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/**
 * An order's pinned money facts (what the first claim for it said it paid, in which currency, through which payment),
 * and an admin's correction of them, audited with who, when, from, to and why.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

    @Inject
    OrderRecords orders;
    @Inject
    SecurityIdentity identity;

    /** The facts as one side of a correction. */
    public record Facts(Money totalPaid, String paymentReference) {
    }

    public record CorrectionView(String by, Instant at, Facts from, Facts to, String reason) {
    }

    public record OrderView(String orderId, Money totalPaid, String paymentReference, String firstClaimId,
                            String recordedBy, Instant recordedAt, Instant correctedAt, List<CorrectionView> corrections) {
    }

    @GET
    @Path("/{orderId}")
    @RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.ACCOUNTANT})
    public OrderView get(@PathParam("orderId") String orderId) {
        return view(orders.require(orderId));
    }

    @PUT
    @Path("/{orderId}")
    @RolesAllowed(Roles.ADMIN)
    public OrderView correct(@PathParam("orderId") String orderId, OrderCorrectionRequest correction) {
        return view(orders.correct(orderId, correction, identity.getPrincipal().getName()));
    }

    private static OrderView view(OrderRecord order) {
        List<CorrectionView> corrections = OrderCorrection.of(order.orderId).stream()
                .map(c -> new CorrectionView(c.correctedBy, c.correctedAt, new Facts(c.from(), c.fromPaymentReference),
                        new Facts(c.to(), c.toPaymentReference), c.reason))
                .toList();
        return new OrderView(order.orderId, order.total(), order.paymentReference, order.firstClaimId, order.recordedBy,
                order.recordedAt, order.correctedAt, corrections);
    }
}

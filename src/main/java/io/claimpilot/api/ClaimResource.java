package io.claimpilot.api;

import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.claim.EvidenceRequest;
import io.claimpilot.flow.ClaimIntake;
import io.claimpilot.flow.ClaimQueries;
import io.claimpilot.flow.ClaimView;

import io.claimpilot.security.ApiKeyIdentityProvider;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import io.claimpilot.outbox.OutboxBacklog;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

/** Claims from the shop backend: create (idempotent by externalId), read, and add evidence. */
@Path("/api/claims")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    @Inject
    ClaimIntake intake;
    @Inject
    ClaimQueries claims;
    @Inject
    SecurityIdentity identity;
    @Inject
    OutboxBacklog backlog;

    @POST
    @RolesAllowed(Roles.SHOP)
    public Response submit(ClaimRequest request, @Context UriInfo uri) {
        backlog.requireRoomForNewClaims();
        ClaimIntake.Submission submission = intake.submit(caller(), request);
        if (!submission.created()) {
            return Response.ok(submission.claim()).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(submission.claim().id()).build())
                .entity(submission.claim()).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SHOP, Roles.AGENT})
    public ClaimView get(@PathParam("id") String id) {
        return claims.get(id, shopOrNull());
    }

    @POST
    @Path("/{id}/evidence")
    @RolesAllowed(Roles.SHOP)
    public ClaimView addEvidence(@PathParam("id") String id, EvidenceRequest evidence) {
        return intake.addEvidence(id, caller(), evidence);
    }

    public record CancelRequest(String reason) {
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.SHOP)
    public ClaimView cancel(@PathParam("id") String id, CancelRequest request) {
        return intake.cancel(id, caller(), request == null ? null : request.reason());
    }

    /** Every state change of the claim: who or what, when, from, to, why. */
    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.SHOP, Roles.AGENT, Roles.ACCOUNTANT, Roles.ADMIN})
    public java.util.List<ClaimView.AuditView> audit(@PathParam("id") String id) {
        return claims.audit(id, shopOrNull());
    }

    /** Shops are limited to their own claims; agents see all. */
    private String shopOrNull() {
        return identity.hasRole(Roles.SHOP) ? caller() : null;
    }

    /** Claims belong to the key's caller id, never to its free-text owner. */
    private String caller() {
        return ApiKeyIdentityProvider.callerOf(identity);
    }
}

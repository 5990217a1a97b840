package io.claimpilot.review;

import io.claimpilot.claim.ClaimView;
import io.claimpilot.common.Page;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The human queue for support agents. */
@Path("/api/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AGENT)
public class ReviewResource {

    @Inject
    ReviewService reviews;
    @Inject
    SecurityIdentity identity;

    @GET
    public Page<ReviewService.QueueEntry> queue(@QueryParam("page") @DefaultValue("0") int page,
                                                @QueryParam("size") @DefaultValue("20") int size) {
        return reviews.queue(page, size);
    }

    @POST
    @Path("/{claimId}/resolve")
    public ClaimView resolve(@PathParam("claimId") String claimId, Resolution resolution) {
        return reviews.resolve(claimId, identity.getPrincipal().getName(), resolution);
    }
}

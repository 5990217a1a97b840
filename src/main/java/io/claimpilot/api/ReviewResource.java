package io.claimpilot.api;

import io.claimpilot.flow.ReviewDesk;
import io.claimpilot.review.Resolution;
import io.claimpilot.review.ReviewQueue;
import io.claimpilot.review.ReviewResolution;

import io.claimpilot.flow.ClaimView;
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
import jakarta.ws.rs.core.Response;

/** The human queue for support agents. */
@Path("/api/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AGENT)
public class ReviewResource {

    @Inject
    ReviewDesk reviews;
    @Inject
    ReviewQueue queue;
    @Inject
    SecurityIdentity identity;

    @GET
    public Page<ReviewDesk.QueueEntry> queue(@QueryParam("page") @DefaultValue("0") int page,
                                                @QueryParam("size") @DefaultValue("20") int size) {
        return reviews.queue(page, size);
    }

    /** 200 with the resolved claim, or 202 when a refund above the four-eyes amount waits for a second agent. */
    @POST
    @Path("/{claimId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response resolve(@PathParam("claimId") String claimId, Resolution resolution) {
        ReviewDesk.Outcome outcome = reviews.resolve(claimId, identity.getPrincipal().getName(), resolution);
        return outcome.pending() != null
                ? Response.accepted(outcome.pending()).build()
                : Response.ok(outcome.claim()).build();
    }

    /** The agent takes the claim; 409 naming the agent when another one already has it. */
    @POST
    @Path("/{claimId}/take")
    public ReviewQueue.QueueRow take(@PathParam("claimId") String claimId) {
        return reviews.take(claimId, identity.getPrincipal().getName());
    }

    /** The assignee puts the claim back in the queue. */
    @POST
    @Path("/{claimId}/release")
    public Response release(@PathParam("claimId") String claimId) {
        reviews.release(claimId, identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    /** Agents' resolutions beside the policy's proposals; {@code overrides=true} keeps those that differ. */
    @GET
    @Path("/resolutions")
    @RolesAllowed({Roles.AGENT, Roles.ANALYST})
    public Page<ReviewResolution.View> resolutions(@QueryParam("overrides") @DefaultValue("false") boolean overridesOnly,
                                                   @QueryParam("page") @DefaultValue("0") int page,
                                                   @QueryParam("size") @DefaultValue("20") int size) {
        return queue.resolutions(overridesOnly, page, size);
    }

    /**
     * A second agent approves the refund proposal they name ({@code {"proposalId": …, "note": …}}): 409 when another
     * proposal replaced it, 403 for the agent who proposed it.
     */
    @POST
    @Path("/{claimId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public ClaimView approve(@PathParam("claimId") String claimId, ReviewDesk.Approval approval) {
        return reviews.approve(claimId, identity.getPrincipal().getName(), approval);
    }
}

package io.claimpilot.api;

import io.claimpilot.common.Page;
import io.claimpilot.flow.ActionRetries;
import io.claimpilot.outbox.Actions;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Outbox actions for admins: what failed, and trying it again. A retry goes through the flow, which allows it only for
 * a claim's current refund or reshipment.
 */
@Path("/api/actions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ActionsResource {

    @Inject
    Actions actions;
    @Inject
    ActionRetries retries;
    @Inject
    SecurityIdentity identity;

    @GET
    public Page<Actions.ActionView> list(@QueryParam("status") @DefaultValue("FAILED") String status,
                                         @QueryParam("claimId") String claimId,
                                         @QueryParam("page") @DefaultValue("0") int page,
                                         @QueryParam("size") @DefaultValue("20") int size) {
        return actions.list(status, claimId, page, size);
    }

    @POST
    @Path("/{id}/retry")
    public Actions.ActionView retry(@PathParam("id") long id) {
        return retries.retry(id, identity.getPrincipal().getName());
    }
}

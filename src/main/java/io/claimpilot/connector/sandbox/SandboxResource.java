package io.claimpilot.connector.sandbox;

import io.claimpilot.common.Page;
import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** What the sandbox connectors received: refunds, reshipments, messages and notes that were not really sent. */
@Path("/api/sandbox/calls")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.ANALYST})
public class SandboxResource {

    @Inject
    SandboxCalls calls;

    @GET
    public Page<SandboxCalls.SandboxCallView> list(@QueryParam("connector") String connector,
                                                   @QueryParam("claimId") String claimId,
                                                   @QueryParam("page") @DefaultValue("0") int page,
                                                   @QueryParam("size") @DefaultValue("20") int size) {
        return calls.list(connector, claimId, page, size);
    }
}

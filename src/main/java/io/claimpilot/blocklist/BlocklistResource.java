package io.claimpilot.blocklist;

import io.claimpilot.common.Page;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Customer ids, e-mails and addresses whose claims always go to a person, with the reason shown to agents. */
@Path("/api/blocklist")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class BlocklistResource {

    @Inject
    BlocklistService blocklist;
    @Inject
    SecurityIdentity identity;

    @POST
    public Response add(BlocklistService.NewEntry entry, @Context UriInfo uri) {
        BlocklistService.EntryView created = blocklist.add(entry, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @GET
    public Page<BlocklistService.EntryView> list(@QueryParam("page") @DefaultValue("0") int page,
                                                 @QueryParam("size") @DefaultValue("20") int size) {
        return blocklist.list(page, size);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        blocklist.delete(id);
        return Response.noContent().build();
    }
}

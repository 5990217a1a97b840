package io.claimpilot.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * Admins issue, rotate and revoke API keys. A person's key names its console user ({@code userId}); a shop's key gets a
 * new caller, or the {@code callerId} asked for if nobody has it. The secret is in the 201 answer only.
 */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ApiKeyResource {

    @Inject
    ApiKeys keys;
    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ApiKeys.NewKey request, @Context UriInfo uri) {
        return issued(keys.create(request, identity.getPrincipal().getName()), uri);
    }

    @GET
    public List<ApiKeys.KeyView> list() {
        return keys.list();
    }

    /** A new key for the same user or caller; the old one works until it is revoked. */
    @POST
    @Path("/{id}/rotate")
    public Response rotate(@PathParam("id") String id, @Context UriInfo uri) {
        return issued(keys.rotate(id, identity.getPrincipal().getName()), uri);
    }

    @POST
    @Path("/{id}/revoke")
    public ApiKeys.KeyView revoke(@PathParam("id") String id) {
        return keys.revoke(id, identity.getPrincipal().getName());
    }

    private static Response issued(ApiKeys.Issued issued, UriInfo uri) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(uri.getBaseUriBuilder().path("/api/keys").path(issued.id()).build())
                .cacheControl(noStore).entity(issued).build();
    }
}

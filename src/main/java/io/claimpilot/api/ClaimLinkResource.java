package io.claimpilot.api;

import io.claimpilot.claimlink.ClaimLinkRequest;
import io.claimpilot.claimlink.ClaimLinks;
import io.claimpilot.security.ApiKeyIdentityProvider;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Links to the customer claim form: the shop backend sends an order's facts and gets a signed URL to give the
 * customer (by e-mail, on the order page). The claim the link makes is the shop's, with the link's id as externalId.
 */
@Path("/api/claim-links")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimLinkResource {

    @Inject
    ClaimLinks links;
    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed(Roles.SHOP)
    public Response create(ClaimLinkRequest request) {
        ClaimLinks.LinkView link = links.create(ApiKeyIdentityProvider.callerOf(identity), request);
        return Response.status(Response.Status.CREATED).entity(link).build();
    }
}

package io.claimpilot.message;

import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** What a claim's customer was sent, oldest first. Shops see only their own claims. */
@Path("/api/claims/{id}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class ClaimMessagesResource {

    @Inject
    CustomerMessages messages;
    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({Roles.SHOP, Roles.AGENT, Roles.ADMIN})
    public List<CustomerMessages.MessageView> sent(@PathParam("id") String claimId) {
        return messages.forClaim(claimId, identity.hasRole(Roles.SHOP) ? io.claimpilot.security.ApiKeyIdentityProvider.callerOf(identity) : null);
    }
}

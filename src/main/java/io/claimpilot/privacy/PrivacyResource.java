package io.claimpilot.privacy;

import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A customer's right to erasure, by the shop's customer id or by the e-mail address they wrote from. */
@Path("/api/customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PrivacyResource {

    @Inject
    PrivacyService privacy;
    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/{id}/erase")
    public PrivacyService.Erasure erase(@PathParam("id") String customerId) {
        return privacy.eraseCustomer(customerId, identity.getPrincipal().getName());
    }

    @POST
    @Path("/erase")
    @Consumes(MediaType.APPLICATION_JSON)
    public PrivacyService.EmailErasure eraseByEmail(PrivacyService.ByEmail request) {
        return privacy.eraseByEmail(request, identity.getPrincipal().getName());
    }
}

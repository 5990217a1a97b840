package io.claimpilot.privacy;

import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A customer's right to erasure. */
@Path("/api/customers/{id}/erase")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    @Inject
    PrivacyService privacy;

    @POST
    @RolesAllowed(Roles.ADMIN)
    public PrivacyService.Erasure erase(@PathParam("id") String customerId) {
        return privacy.eraseCustomer(customerId);
    }
}

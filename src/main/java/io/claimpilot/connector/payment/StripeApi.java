package io.claimpilot.connector.payment;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The part of Stripe's API that ClaimPilot calls. */
@Path("/v1")
public interface StripeApi {

    @POST
    @Path("/refunds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response createRefund(@HeaderParam("Authorization") String authorization,
                          @HeaderParam("Idempotency-Key") String idempotencyKey,
                          Form form);
}

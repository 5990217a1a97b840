package io.claimpilot.api;

import io.claimpilot.feedback.CustomerSatisfaction;
import io.claimpilot.feedback.DecisionVerdicts;
import io.claimpilot.security.ApiKeyIdentityProvider;
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
import jakarta.ws.rs.core.Response;

/**
 * What people think of a claim's handling: the customer's satisfaction (sent by the shop) and an agent's verdict on
 * the policy's decision. Each answers {@code 201} for the first answer and {@code 200} when it replaces an earlier one.
 */
@Path("/api/claims/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimFeedbackResource {

    @Inject
    CustomerSatisfaction satisfaction;
    @Inject
    DecisionVerdicts verdicts;
    @Inject
    SecurityIdentity identity;

    /** {@code {"score": 1-5, "comment": "…"}} for one of the caller's own claims. */
    @POST
    @Path("/csat")
    @RolesAllowed(Roles.SHOP)
    public Response csat(@PathParam("id") String claimId, CustomerSatisfaction.Answer answer) {
        CustomerSatisfaction.Recorded recorded = satisfaction.answer(claimId, ApiKeyIdentityProvider.callerOf(identity), answer);
        return Response.status(recorded.created() ? Response.Status.CREATED : Response.Status.OK).entity(recorded.csat()).build();
    }

    /** {@code {"verdict": "RIGHT" | "WRONG", "note": "…"}} on the claim's latest automatic decision. */
    @POST
    @Path("/feedback")
    @RolesAllowed({Roles.AGENT, Roles.ANALYST})
    public Response feedback(@PathParam("id") String claimId, DecisionVerdicts.Request request) {
        DecisionVerdicts.Recorded recorded = verdicts.give(claimId, identity.getPrincipal().getName(), request);
        return Response.status(recorded.created() ? Response.Status.CREATED : Response.Status.OK).entity(recorded.feedback()).build();
    }
}

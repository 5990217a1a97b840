package io.claimpilot.limits;

import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;

/** The kill switch and the daily budgets. */
@Path("/api/automation")
@Produces(MediaType.APPLICATION_JSON)
public class AutomationResource {

    @Inject
    AutomationService automation;
    @Inject
    SecurityIdentity identity;

    public record PauseRequest(String reason) {
    }

    public record BudgetRequest(BigDecimal dailyLimit) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ACCOUNTANT, Roles.AGENT, Roles.ANALYST})
    public AutomationService.Status status() {
        return automation.status();
    }

    /** Stops every automatic refund and reshipment: new decisions go to a person instead. */
    @POST
    @Path("/pause")
    @RolesAllowed(Roles.ADMIN)
    public AutomationService.Status pause(PauseRequest request) {
        automation.pause(identity.getPrincipal().getName(), request == null ? null : request.reason());
        return automation.status();
    }

    @POST
    @Path("/resume")
    @RolesAllowed(Roles.ADMIN)
    public AutomationService.Status resume() {
        automation.resume(identity.getPrincipal().getName());
        return automation.status();
    }

    @PUT
    @Path("/budgets/{currency}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public AutomationService.Budget setBudget(@PathParam("currency") String currency, BudgetRequest request) {
        return automation.setBudget(currency, request == null ? null : request.dailyLimit(), identity.getPrincipal().getName());
    }
}

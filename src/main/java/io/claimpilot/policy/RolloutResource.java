package io.claimpilot.policy;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The pilot for analysts: start or change it, end it; analysts, admins and accountants can watch it. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {

    @Inject
    PolicyRollouts rollouts;
    @Inject
    PolicyVersions versions;
    @Inject
    SecurityIdentity identity;

    /** Starts a pilot of this version (201), or changes its live pilot (200). */
    @PUT
    @Path("/policies/{version}/rollout")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANALYST)
    public Response start(@PathParam("version") String versionOrPrefix, PolicyRollouts.RolloutRequest request) {
        String version = versions.resolve(versionOrPrefix);
        PolicyRollouts.Saved saved = rollouts.save(version, request, identity.getPrincipal().getName());
        return saved.created()
                ? Response.created(URI.create("/api/rollout")).entity(saved.rollout()).build()
                : Response.ok(saved.rollout()).build();
    }

    /** Ends the live pilot of this version. */
    @DELETE
    @Path("/policies/{version}/rollout")
    @RolesAllowed(Roles.ANALYST)
    public PolicyRollouts.RolloutView end(@PathParam("version") String versionOrPrefix) {
        return rollouts.end(versions.resolve(versionOrPrefix), identity.getPrincipal().getName());
    }

    /** The latest pilot: running, halted, completed or ended, with its schedule and history. */
    @GET
    @Path("/rollout")
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.ACCOUNTANT})
    public PolicyRollouts.RolloutView current() {
        return rollouts.latest().orElseThrow(() -> ApiProblem.notFound("A pilot"));
    }
}

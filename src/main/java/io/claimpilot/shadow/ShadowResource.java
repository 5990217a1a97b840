package io.claimpilot.shadow;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.policy.PolicyVersionRecord;
import io.claimpilot.policy.PolicyVersions;
import io.claimpilot.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Shadow mode for analysts: {@code PUT} starts evaluating a version on every new claim without acting on it,
 * {@code DELETE} stops it, and {@code GET} compares what it proposed with what was decided.
 */
@Path("/api/policies/{version}/shadow")
@Produces(MediaType.APPLICATION_JSON)
public class ShadowResource {

    @Inject
    ShadowMode mode;
    @Inject
    ShadowReport report;
    @Inject
    PolicyVersions versions;
    @Inject
    SecurityIdentity identity;

    @PUT
    @RolesAllowed(Roles.ANALYST)
    public ShadowMode.Status start(@PathParam("version") String versionOrPrefix) {
        return mode.start(versions.resolve(versionOrPrefix), identity.getPrincipal().getName());
    }

    @DELETE
    @RolesAllowed(Roles.ANALYST)
    public Response stop(@PathParam("version") String versionOrPrefix) {
        mode.stop(versions.resolve(versionOrPrefix), identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    /** The comparison over every claim the version shadowed, while it runs and after it stopped. */
    @GET
    @RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.ACCOUNTANT})
    public ShadowReport.Report get(@PathParam("version") String versionOrPrefix) {
        String version = versions.resolve(versionOrPrefix);
        if (QuarkusTransaction.requiringNew().call(() -> PolicyVersionRecord.findById(version) == null)) {
            throw ApiProblem.notFound("Policy version " + version);
        }
        return report.of(version);
    }
}

package io.claimpilot.policy;

import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** What policy is deciding claims right now. */
@Path("/api/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    @Inject
    PolicyEngine engine;

    public record ActivePolicy(String version, List<String> files, List<String> rules, Map<String, List<String>> rulesByFile) {
    }

    @GET
    @RolesAllowed(Roles.ANALYST)
    public ActivePolicy active() {
        CompiledPolicy policy = engine.active();
        return new ActivePolicy(policy.version(), policy.fileNames(), policy.ruleNames(), policy.rulesByFile());
    }
}

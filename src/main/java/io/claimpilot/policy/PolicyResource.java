package io.claimpilot.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Problem;
import io.claimpilot.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policy lifecycle for analysts: upload, inspect, download, replay, activate and roll back. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANALYST)
public class PolicyResource {

    @Inject
    PolicyEngine engine;
    @Inject
    PolicyVersions versions;
    @Inject
    PolicyReplay replay;
    @Inject
    ReplayJobs replayJobs;
    @Inject
    SecurityIdentity identity;
    @Inject
    ObjectMapper json;

    public record ActivePolicy(String version, List<String> files, List<String> rules, Map<String, List<String>> rulesByFile) {
    }

    /** Who proposed the version (its author) and who activated it; one person only for a roll-back or the folder. */
    public record Activation(String activatedBy, Instant activatedAt, String proposedBy, boolean rollback) {
    }

    /** The optional body of an activation: the analyst's confirmation that guard rails go away. */
    public record ActivationRequest(boolean confirmRemovedGuardRails) {
    }

    public record VersionSummary(String version, String author, String comment, Instant createdAt, String origin,
                                 boolean active, List<String> files) {
    }

    public record VersionDetail(String version, String author, String comment, Instant createdAt, String origin,
                                boolean active, List<String> files, List<String> rules, List<Activation> activations,
                                ValidationReport validation) {
    }

    @GET
    @Path("/policy")
    public ActivePolicy active() {
        CompiledPolicy policy = engine.active();
        return new ActivePolicy(policy.version(), policy.fileNames(), policy.ruleNames(), policy.rulesByFile());
    }

    @GET
    @Path("/policies")
    public List<VersionSummary> list() {
        String active = engine.active().version();
        return versions.list().stream()
                .map(v -> new VersionSummary(v.hash, v.author, v.comment, v.createdAt, v.origin, v.hash.equals(active),
                        files(v.hash)))
                .toList();
    }

    @GET
    @Path("/policies/{version}")
    public VersionDetail get(@PathParam("version") String versionOrPrefix) {
        String version = versions.resolve(versionOrPrefix);
        PolicyVersionRecord v = versions.find(version).orElseThrow(() -> ApiProblem.notFound("Policy version " + version));
        return new VersionDetail(v.hash, v.author, v.comment, v.createdAt, v.origin, v.hash.equals(engine.active().version()),
                files(v.hash), v.ruleNames,
                versions.activations(v.hash).stream()
                        .map(a -> new Activation(a.activatedBy, a.activatedAt, a.proposedBy, a.rollback)).toList(),
                v.validation);
    }

    @GET
    @Path("/policies/{version}/files/{name: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("version") String versionOrPrefix, @PathParam("name") String name) {
        String version = versions.resolve(versionOrPrefix);
        PolicyFile file = versions.file(version, name)
                .orElseThrow(() -> ApiProblem.notFound("File " + name + " of policy version " + version));
        String baseName = name.substring(name.lastIndexOf('/') + 1);
        return Response.ok(file.content(), MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + baseName.replace("\"", "") + "\"")
                .build();
    }

    /**
     * A new version from uploaded files. By default the upload changes the active version: files with the same
     * name are replaced, others kept. With {@code replaceAll=true} the upload is the whole policy.
     */
    @POST
    @Path("/policies")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("files") List<FileUpload> files, @RestForm("scenarios") List<FileUpload> scenarios,
                           @RestForm("comment") String comment, @RestForm("replaceAll") boolean replaceAll,
                           @Context UriInfo uri) {
        PolicyVersions.Proposal proposal = versions.proposeUpload(uploaded(files), uploaded(scenarios), comment, replaceAll,
                identity.getPrincipal().getName());
        if (!proposal.stored()) {
            return invalid(proposal.report());
        }
        VersionDetail detail = get(proposal.report().version());
        return proposal.created()
                ? Response.created(uri.getBaseUriBuilder().path("api/policies").path(detail.version()).build()).entity(detail).build()
                : Response.ok(detail).build();
    }

    @POST
    @Path("/policies/{version}/activate")
    public VersionDetail activate(@PathParam("version") String versionOrPrefix,
                                  @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(implementation = ActivationRequest.class))) String body) {
        String version = versions.resolve(versionOrPrefix);
        versions.activateAsAnalyst(version, identity.getPrincipal().getName(), activationRequest(body).confirmRemovedGuardRails());
        return get(version);
    }

    /** A short replay answers with its report; one over the job threshold answers 202 and runs as a job. */
    @POST
    @Path("/policies/{version}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replay(@PathParam("version") String versionOrPrefix, PolicyReplay.Selection selection) {
        String version = versions.resolve(versionOrPrefix);
        int claims = replay.claimsCovered(selection);
        if (!replayJobs.needsJob(claims)) {
            return Response.ok(replay.replay(version, selection)).build();
        }
        ReplayJob job = replayJobs.start(version, selection, claims, identity.getPrincipal().getName());
        return Response.accepted(Map.of("jobId", job.id)).location(java.net.URI.create("/api/replays/" + job.id)).build();
    }

    /** The body is optional (most activations send none), so it is read as text rather than bound as JSON. */
    private ActivationRequest activationRequest(String body) {
        if (body == null || body.isBlank()) {
            return new ActivationRequest(false);
        }
        try {
            return json.readValue(body, ActivationRequest.class);
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalidField("confirmRemovedGuardRails", "the body must be {\"confirmRemovedGuardRails\": true} or empty");
        }
    }

    private List<String> files(String hash) {
        return versions.source(hash).map(PolicySource::fileNames).orElse(List.of());
    }

    private static List<PolicyVersions.UploadedFile> uploaded(List<FileUpload> uploads) {
        return Optional.ofNullable(uploads).orElse(List.of()).stream().map(PolicyVersions.UploadedFile::of).toList();
    }

    private static Response invalid(ValidationReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Policy is not valid");
        body.put("status", 422);
        body.put("detail", report.problems().isEmpty()
                ? report.scenarios().failed() + " scenario(s) fail"
                : report.problems().size() + " problem(s), first: " + report.problems().get(0));
        body.put("report", report);
        return Response.status(422).type(Problem.PROBLEM_JSON).entity(body).build();
    }
}

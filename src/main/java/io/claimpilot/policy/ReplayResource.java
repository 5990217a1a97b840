package io.claimpilot.policy;

import io.claimpilot.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;

/** Replays run as jobs: their progress, then the same report a short replay answers with. */
@Path("/api/replays")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANALYST)
public class ReplayResource {

    @Inject
    ReplayJobs jobs;

    public record Progress(int done, int total) {
    }

    public record JobView(String jobId, String version, ReplayJob.Status status, Progress progress, String requestedBy,
                          Instant createdAt, Instant finishedAt, String error, PolicyReplay.Report report) {
        static JobView of(ReplayJob job) {
            return new JobView(job.id, job.policyVersion, job.status, new Progress(job.claimsDone, job.claimsTotal),
                    job.requestedBy, job.createdAt, job.finishedAt, job.error, job.report);
        }
    }

    @GET
    @Path("/{jobId}")
    public JobView get(@PathParam("jobId") String jobId) {
        return JobView.of(jobs.find(jobId));
    }
}

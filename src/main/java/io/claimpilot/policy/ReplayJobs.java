package io.claimpilot.policy;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Ids;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays too long to answer at once run as jobs. A job is a row in {@code replay_job}, so any replica can report it;
 * the replica that accepted it runs it on its own executor and writes its progress after every page of claims.
 * <p>
 * Limit: a job is not resumed elsewhere when its replica stops. Its progress then stops moving, and once it has not
 * moved for {@code claimpilot.replay.job-timeout} the job is reported, and marked, FAILED; the analyst starts it again.
 */
@ApplicationScoped
public class ReplayJobs {

    private static final Logger LOG = Logger.getLogger(ReplayJobs.class);

    @Inject
    PolicyReplay replay;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.replay.job-threshold", defaultValue = "10000")
    int threshold;
    @ConfigProperty(name = "claimpilot.replay.job-timeout", defaultValue = "10m")
    Duration timeout;

    /**
     * Two platform threads: replays are CPU-bound and the machine is shared with live evaluation, so jobs queue
     * rather than crowd it. Not virtual threads: a replay pins its carrier for its whole run (Drools, JDBC).
     */
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "replay-job-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** True when a replay of this many claims should run as a job rather than answer at once. */
    public boolean needsJob(int claims) {
        return claims > threshold;
    }

    /** Stores a RUNNING job and starts it; the caller answers 202 with its id. */
    public ReplayJob start(String version, PolicyReplay.Selection selection, int claims, String requestedBy) {
        ReplayJob job = QuarkusTransaction.requiringNew().call(() -> {
            if (PolicyVersionRecord.findById(version) == null) {
                throw ApiProblem.notFound("Policy version " + version);
            }
            ReplayJob created = new ReplayJob();
            created.id = Ids.newId("rpl");
            created.policyVersion = version;
            created.selection = selection;
            created.status = ReplayJob.Status.RUNNING;
            created.claimsTotal = claims;
            created.requestedBy = requestedBy;
            created.createdAt = clock.instant();
            created.updatedAt = created.createdAt;
            created.persist();
            return created;
        });
        executor.submit(() -> run(job.id, version, selection));
        LOG.infof("Replay job %s of policy %s started by %s: %d claims", job.id, version.substring(0, 12), requestedBy, claims);
        return job;
    }

    /** The job as stored; a RUNNING job whose progress stopped moving is failed here, by whichever replica is asked. */
    public ReplayJob find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ReplayJob job = ReplayJob.findById(id);
            if (job == null) {
                throw ApiProblem.notFound("Replay job " + id);
            }
            Instant now = clock.instant();
            if (job.status == ReplayJob.Status.RUNNING && job.updatedAt.plus(timeout).isBefore(now)) {
                job.status = ReplayJob.Status.FAILED;
                job.error = "The replay made no progress for " + timeout.toMinutes() + " minutes: the replica running it"
                        + " probably stopped. Start the replay again.";
                job.finishedAt = now;
            }
            return job;
        });
    }

    private void run(String id, String version, PolicyReplay.Selection selection) {
        try {
            PolicyReplay.Report report = replay.replay(version, selection, done -> update(id, job -> job.claimsDone = done));
            update(id, job -> {
                job.status = ReplayJob.Status.DONE;
                job.claimsDone = report.claims();
                job.report = report;
                job.finishedAt = job.updatedAt;
            });
            LOG.infof("Replay job %s done: %d claims, %d would change", id, report.claims(), report.changed());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Replay job %s failed", id);
            update(id, job -> {
                job.status = ReplayJob.Status.FAILED;
                // The analyst sees a plain reason; the exception itself is in the log.
                job.error = "The replay stopped on an unexpected error; the service log has the details.";
                job.finishedAt = job.updatedAt;
            });
        }
    }

    private void update(String id, java.util.function.Consumer<ReplayJob> change) {
        QuarkusTransaction.requiringNew().run(() -> {
            ReplayJob job = ReplayJob.findById(id);
            job.updatedAt = clock.instant();
            change.accept(job);
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}

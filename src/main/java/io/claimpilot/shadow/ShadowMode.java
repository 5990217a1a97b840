package io.claimpilot.shadow;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.policy.PolicyEngine;
import io.claimpilot.policy.PolicyVersionRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which version is in shadow mode. One at a time: the setting is one row, read by every replica. Intake asks for it
 * after each commit, so it is kept in memory for {@code claimpilot.shadow.sync-every}: a start or stop on this replica
 * takes effect at once, one on another replica within that time.
 */
@ApplicationScoped
public class ShadowMode {

    private static final Logger LOG = Logger.getLogger(ShadowMode.class);

    @Inject
    PolicyEngine engine;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.shadow.sync-every", defaultValue = "5s")
    Duration syncEvery;

    /** The version in shadow mode, who started it and when. */
    public record Status(String version, String startedBy, Instant startedAt) {
    }

    private record Cached(Optional<String> version, long readAt) {
    }

    private volatile Cached cached;

    /**
     * Starts shadowing a stored version. Starting the version already in shadow mode again changes nothing; another
     * version, or the active one, gets 409. The version is compiled here, so the first claim does not wait for it.
     */
    public Status start(String version, String analyst) {
        boolean stored = QuarkusTransaction.requiringNew().call(() -> PolicyVersionRecord.findById(version) != null);
        if (!stored) {
            throw ApiProblem.notFound("Policy version " + version);
        }
        if (engine.hasActive() && engine.active().version().equals(version)) {
            throw ApiProblem.conflict("Policy version " + version + " is the active version: it decides every claim already."
                    + " Shadow mode evaluates another version beside it.");
        }
        engine.version(version);
        Status status = QuarkusTransaction.requiringNew().call(() -> {
            // One row, inserted once: of two analysts starting different versions at once, the second gets the 409 below.
            em.createNativeQuery("insert into shadow_policy (id, version_hash, started_by, started_at) values (?1, ?2, ?3, ?4)"
                            + " on conflict (id) do nothing")
                    .setParameter(1, ShadowPolicy.ONLY).setParameter(2, version).setParameter(3, analyst)
                    .setParameter(4, clock.instant()).executeUpdate();
            ShadowPolicy current = ShadowPolicy.current();
            if (!current.versionHash.equals(version)) {
                throw ApiProblem.conflict("Policy version " + current.versionHash + " is in shadow mode since "
                        + current.startedAt + " (" + current.startedBy + "). One version is shadowed at a time:"
                        + " stop it first with DELETE /api/policies/" + current.versionHash + "/shadow");
            }
            return new Status(current.versionHash, current.startedBy, current.startedAt);
        });
        cached = new Cached(Optional.of(version), System.nanoTime());
        LOG.infof("Policy %s is in shadow mode, started by %s", version.substring(0, 12), analyst);
        return status;
    }

    /** Stops shadowing the version; its shadow decisions stay, for its report. 404 when it is not in shadow mode. */
    public void stop(String version, String analyst) {
        int stopped = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("delete from shadow_policy where id = ?1 and version_hash = ?2")
                .setParameter(1, ShadowPolicy.ONLY).setParameter(2, version).executeUpdate());
        if (stopped == 0) {
            throw ApiProblem.notFound("Shadow mode of policy version " + version);
        }
        // Known at once on this replica: a claim committed from now on is not shadowed here.
        cached = new Cached(Optional.empty(), System.nanoTime());
        LOG.infof("Policy %s left shadow mode, stopped by %s", version.substring(0, 12), analyst);
    }

    /**
     * What this replica knows, from memory, of the version in shadow mode: null when it last read it more than
     * {@code claimpilot.shadow.sync-every} ago, else the version or an empty Optional. Intake's thread asks this after
     * each commit, and never reads the database for it.
     */
    public Optional<String> known() {
        Cached seen = cached;
        return seen != null && System.nanoTime() - seen.readAt() < syncEvery.toNanos() ? seen.version() : null;
    }

    /** The version in shadow mode, if any, as read at most {@code claimpilot.shadow.sync-every} ago. */
    public Optional<String> current() {
        Cached seen = cached;
        if (seen != null && System.nanoTime() - seen.readAt() < syncEvery.toNanos()) {
            return seen.version();
        }
        Optional<String> version = QuarkusTransaction.requiringNew()
                .call(() -> Optional.ofNullable(ShadowPolicy.current()).map(shadow -> shadow.versionHash));
        cached = new Cached(version, System.nanoTime());
        return version;
    }
}

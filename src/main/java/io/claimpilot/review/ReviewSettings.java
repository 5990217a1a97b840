package io.claimpilot.review;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Map;

/** How the human queue runs: SLAs per claim reason, and when an untouched claim goes back to the queue. */
@ConfigMapping(prefix = "claimpilot.review")
public interface ReviewSettings {

    /** Time an agent has to resolve a review task, for reasons without their own SLA. */
    Duration sla();

    /** SLA per claim reason (e.g. {@code claimpilot.review.sla-by-reason.DAMAGED=12h}), overriding {@link #sla()}. */
    Map<String, Duration> slaByReason();

    /** A taken claim nobody touched for this long goes back to the queue. */
    Duration claimTimeout();

    /** How often the job looks for such claims. */
    Duration releaseCheckEvery();

    default Duration slaFor(String claimReason) {
        return claimReason == null ? sla() : slaByReason().getOrDefault(claimReason, sla());
    }
}

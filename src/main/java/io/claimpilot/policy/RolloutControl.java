package io.claimpilot.policy;

/** What decides the claims outside the pilot cohort: the active version, or a person (for shops that automated nothing). */
public enum RolloutControl {
    ACTIVE_VERSION,
    HUMAN_REVIEW
}

package io.claimpilot.policy;

/**
 * A pilot's life: it runs (and ramps up), may be halted by its indicators (percent 0, every claim on the control
 * until someone changes or ends it), and finishes either completed (100 %, the version is active) or ended by a person.
 * Only a running or halted pilot is live, and only one is live at a time.
 */
public enum RolloutState {
    RUNNING,
    HALTED,
    COMPLETED,
    ENDED;

    public boolean live() {
        return this == RUNNING || this == HALTED;
    }
}

package io.claimpilot.decision;

/**
 * Which side of a pilot a claim was decided on: by the pilot version, or by the control (the active version or a
 * person). A decision made while no pilot runs has no cohort.
 */
public enum Cohort {
    PILOT,
    CONTROL
}

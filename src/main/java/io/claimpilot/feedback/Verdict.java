package io.claimpilot.feedback;

/** An agent's judgement of an automatic decision. */
public enum Verdict {
    RIGHT,
    WRONG
}

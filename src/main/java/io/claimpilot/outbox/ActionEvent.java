package io.claimpilot.outbox;

/**
 * Published, synchronously and in the outbox's own transaction, each time an action moves: whoever owns what the
 * action is about (the claim flow) observes it. An observer that throws rolls the move back.
 *
 * @param detail why it failed or needs a person; null otherwise
 * @param actor  who asked for a retry; null otherwise
 */
public record ActionEvent(OutboxEntry entry, Stage stage, String detail, String actor) {

    public enum Stage {
        /** A dispatcher took it and is about to call the provider. */
        STARTED,
        SUCCEEDED,
        FAILED,
        /** The provider's answer will not get better by retrying: a person decides. */
        NEEDS_REVIEW,
        /** An admin sent a failed action round again. */
        RETRIED
    }
}

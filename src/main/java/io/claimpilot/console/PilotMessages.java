package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts about the pilot, English here, French in {@code messages/pilot_fr.properties}. A bundle of its own,
 * like {@link IdentityMessages}: {@link ConsoleMessages} is at the size where Qute's generated resolver breaks.
 * Templates use {@code {pilot:key}}.
 */
@MessageBundle(value = "pilot", locale = "en")
public interface PilotMessages {

    @Message("Pilot")
    String title();

    @Message("No pilot runs: every claim is decided by the active version. An analyst starts one with PUT /api/policies/…/rollout.")
    String none();

    @Message("Version {version} decides the claims of {percent} % of customers (the pilot cohort); the others are decided by {control}.")
    String summary(String version, String percent, String control);

    @Message("the active version")
    String controlActiveVersion();

    @Message("a person")
    String controlHumanReview();

    @Message("State")
    String state();

    @Message("Running")
    String stateRunning();

    @Message("Halted")
    String stateHalted();

    @Message("Started by {name} on {when}; version proposed by {author}.")
    String started(String name, String when, String author);

    @Message("Ramp-up")
    String schedule();

    @Message("Percent")
    String stepPercent();

    @Message("Due")
    String stepDue();

    @Message("Happened")
    String stepHappened();

    @Message("not yet")
    String stepPending();

    @Message("The pilot of version {version} was halted: {reason}. Every claim is decided by the control until an analyst changes or ends the pilot.")
    String halted(String version, String reason);
}

package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts, English here, French in {@code messages/msg_fr.properties} (same keys). Templates use
 * {@code {msg:key}} or {@code {msg:key(arg)}}; Java uses {@link ConsoleContext#messages()}. Add a key in both places.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    // Layout and sign-in
    @Message("ClaimPilot console")
    String appName();

    @Message("Skip to content")
    String skipToContent();

    @Message("Sign in")
    String signIn();

    @Message("User name")
    String username();

    @Message("Password")
    String password();

    @Message("Wrong user name or password.")
    String signInError();

    @Message("Sign out")
    String signOut();

    @Message("Signed in as {name} ({role})")
    String signedInAs(String name, String role);

    @Message("Language")
    String language();

    @Message("Main navigation")
    String mainNavigation();

    @Message("Home")
    String home();

    @Message("What you can do here")
    String homeIntro();

    @Message("Review queue")
    String navQueue();

    @Message("Work the claims the policy sent to a person.")
    String navQueueText();

    @Message("Policies")
    String navPolicies();

    @Message("Administration")
    String navAdmin();

    @Message("Nothing here for your role yet.")
    String nothingForRole();

    // Errors
    @Message("Not allowed")
    String forbiddenTitle();

    @Message("Your role ({role}) may not open this page.")
    String forbiddenText(String role);

    @Message("The action was refused")
    String errorTitle();

    @Message("Back")
    String back();
}

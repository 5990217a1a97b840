package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The sign-in lock's text, English here, French in {@code messages/signin_fr.properties}. A bundle of its own: adding
 * a 302nd message to {@link ConsoleMessages} made Quarkus 3.33.2 generate a bundle class the JVM refuses
 * (VerifyError in ConsoleMessages_Bundle.resolve_0).
 */
@MessageBundle(value = "signin", locale = "en")
public interface SignInMessages {

    @Message("Too many attempts, try again at {time}.")
    String locked(String time);
}

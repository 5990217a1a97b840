package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts about who holds a key and who approves, English here, French in {@code messages/idm_fr.properties}.
 * A bundle of its own: Qute generates a broken resolver for a bundle past about 300 messages (quarkusio/quarkus#55584),
 * and {@link ConsoleMessages} is there. Templates use {@code {idm:key}}.
 */
@MessageBundle(value = "idm", locale = "en")
public interface IdentityMessages {

    @Message("User (for a person’s key)")
    String admKeyUser();

    @Message("none: a shop key")
    String admKeyNoUser();

    @Message("Caller id (for a shop key, optional)")
    String admKeyCaller();

    @Message("Held by")
    String admKeyHolder();

    @Message("Your note (optional)")
    String approvalNote();
}

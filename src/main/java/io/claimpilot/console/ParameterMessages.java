package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts about a version's changed parameters (its tables' Parameters sheets), English here, French in
 * {@code messages/prm_fr.properties}. A bundle of its own, as {@link IdentityMessages} explains. Templates use
 * {@code {prm:key}}.
 */
@MessageBundle(value = "prm", locale = "en")
public interface ParameterMessages {

    @Message("Parameters changed from the active version")
    String title();

    @Message("Parameter")
    String name();

    @Message("File")
    String file();

    @Message("Active version")
    String before();

    @Message("This version")
    String after();

    @Message("(none)")
    String none();
}

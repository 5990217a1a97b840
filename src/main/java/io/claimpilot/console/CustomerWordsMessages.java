package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts about what the customer wrote on the claim form, English here, French in
 * {@code messages/cw_fr.properties}. A bundle of its own, as {@link IdentityMessages} explains. Templates use
 * {@code {cw:key}}.
 */
@MessageBundle(value = "cw", locale = "en")
public interface CustomerWordsMessages {

    @Message("In the customer's words")
    String customerDescription();
}

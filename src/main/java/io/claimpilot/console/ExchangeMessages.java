package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts about exchanges on the claim page, English here, French in {@code messages/xch_fr.properties}. A
 * bundle of its own, as {@link IdentityMessages} explains. Templates use {@code {xch:key}}.
 */
@MessageBundle(value = "xch", locale = "en")
public interface ExchangeMessages {

    @Message("Exchange")
    String exchange();

    @Message("The customer asks for another variant:")
    String asked();

    @Message("{sku} for {replacement}")
    String replacement(String sku, String replacement);
}

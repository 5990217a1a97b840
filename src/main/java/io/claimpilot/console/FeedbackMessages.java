package io.claimpilot.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts about agents' verdicts on automatic decisions and customers' satisfaction, English here, French in
 * {@code messages/fbk_fr.properties}. A bundle of its own, as {@link IdentityMessages} explains. Templates use
 * {@code {fbk:key}}.
 */
@MessageBundle(value = "fbk", locale = "en")
public interface FeedbackMessages {

    @Message("Was the policy right?")
    String verdictTitle();

    @Message("Tell whether the policy's decision on this claim was right. Wrong decisions are counted per rule in the indicators.")
    String verdictHelp();

    @Message("Note (optional)")
    String verdictNote();

    @Message("Wrong decision")
    String verdictWrong();

    @Message("Right decision")
    String verdictRight();

    @Message("Marked as a wrong decision by {by}, {when}.")
    String currentWrong(String by, String when);

    @Message("Marked as a right decision by {by}, {when}.")
    String currentRight(String by, String when);

    @Message("Your verdict on the policy's decision is recorded.")
    String verdictSaved();

    @Message("Customer satisfaction")
    String csat();

    @Message("{score}/5, from {source}")
    String csatScore(int score, String source);
}

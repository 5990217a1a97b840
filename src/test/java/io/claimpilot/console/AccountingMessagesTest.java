package io.claimpilot.console;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The accountant's page says everything in French too: one French text per English message, and no stray key. */
class AccountingMessagesTest {

    @Test
    void everyMessageHasItsFrenchText() throws IOException {
        Properties french = new Properties();
        try (var in = new InputStreamReader(getClass().getResourceAsStream("/messages/acct_fr.properties"), StandardCharsets.UTF_8)) {
            french.load(in);
        }
        assertThat(french.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AccountingMessages.class.getDeclaredMethods()).map(java.lang.reflect.Method::getName).toList());
        assertThat(french.values()).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
    }
}

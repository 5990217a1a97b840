package io.claimpilot.message;

import io.claimpilot.action.MessageSituation;

import io.claimpilot.support.RulesFolderResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken template at start-up stops the service; afterwards a broken save keeps the last good templates. */
class MessageTemplatesStartTest {

    @TempDir
    Path temp;

    @Test
    void aBrokenTemplateStopsTheStartNamingFileAndLine() throws IOException {
        Path rules = temp.resolve("rules");
        RulesFolderResource.copyFolder(Path.of("rules"), rules);
        Files.writeString(rules.resolve("messages/en/denied.txt"), "Subject: Sorry\n\nHello {customer.nickname},\n");
        MessageTemplates templates = new MessageTemplates();
        templates.directory = rules;

        assertThatThrownBy(() -> templates.onStart(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ERROR messages/en/denied.txt, line 3: {customer.nickname}");
    }

    @Test
    void aBrokenSaveKeepsTheLastGoodTemplates() throws IOException {
        Path rules = temp.resolve("rules");
        RulesFolderResource.copyFolder(Path.of("rules"), rules);
        MessageTemplates templates = new MessageTemplates();
        templates.directory = rules;
        templates.watch = true;
        templates.onStart(null);
        MessageValues bob = new MessageValues("Bob", "cl_1", "1001", "Demo Shop", null, null, null, null);

        Files.writeString(rules.resolve("messages/en/denied.txt"), "Subject: Sorry\n\n{#if amount}\n");
        templates.reloadWhenChanged();

        assertThat(templates.problems()).hasSize(1);
        assertThat(templates.render(MessageSituation.DENIED, bob, "en").subject()).isEqualTo("Our answer to your request");
    }
}

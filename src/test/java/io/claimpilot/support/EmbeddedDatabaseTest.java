package io.claimpilot.support;

import io.claimpilot.db.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseTest {

    @Test
    void theEmbeddedDefaultIsDurable(@TempDir Path dataDirectory) {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDirectory.resolve("pg"))) {
            assertThat(database.setting("fsync")).isEqualTo("on");
            assertThat(database.setting("synchronous_commit")).isEqualTo("on");
            assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
        }
    }
}

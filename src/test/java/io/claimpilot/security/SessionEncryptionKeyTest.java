package io.claimpilot.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionEncryptionKeyTest {

    @TempDir
    Path dir;

    @Test
    void theDemoMakesItsKeyOnceInAnOwnerOnlyFileAndReusesIt() throws Exception {
        Path file = dir.resolve("data/session-encryption.key");
        Map<String, String> properties = Map.of("quarkus.profile", "demo", SessionEncryptionKey.FILE_PROPERTY, file.toString());

        SessionEncryptionKey.Settled first = SessionEncryptionKey.settle(properties::get, name -> null);
        assertThat(first.source()).isEqualTo(SessionEncryptionKey.Source.FILE_CREATED);
        assertThat(first.key()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }

        SessionEncryptionKey.Settled second = SessionEncryptionKey.settle(properties::get, name -> null);
        assertThat(second.source()).isEqualTo(SessionEncryptionKey.Source.FILE_REUSED);
        assertThat(second.key()).isEqualTo(first.key());
    }

    @Test
    void aKeyTheOperatorSetIsLeftAlone() {
        Map<String, String> environment = Map.of(SessionEncryptionKey.ENVIRONMENT, "operator-chosen-key-123", "QUARKUS_PROFILE", "demo");
        SessionEncryptionKey.Settled settled = SessionEncryptionKey.settle(name -> null, environment::get);
        assertThat(settled.source()).isEqualTo(SessionEncryptionKey.Source.CONFIGURED);
        assertThat(settled.key()).isNull();
    }

    @Test
    void otherProfilesMakeAKeyForTheRunAndWriteNothing() throws Exception {
        SessionEncryptionKey.Settled settled = SessionEncryptionKey.settle(
                Map.of(SessionEncryptionKey.FILE_PROPERTY, dir.resolve("k").toString())::get, name -> null);
        assertThat(settled.source()).isEqualTo(SessionEncryptionKey.Source.THIS_RUN_ONLY);
        assertThat(settled.key()).hasSizeGreaterThanOrEqualTo(32);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aTruncatedKeyFileStopsTheStartWithoutShowingIt() throws Exception {
        Path file = dir.resolve("short.key");
        Files.writeString(file, "tooshort");
        assertThatThrownBy(() -> SessionEncryptionKey.fromFile(file))
                .hasMessageContaining("fewer than 16 characters").hasMessageNotContaining("tooshort");
    }
}

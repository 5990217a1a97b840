package io.claimpilot.policy;

import io.claimpilot.support.RulesFolderResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Saving a file in the rules folder makes a new version, active at once; a broken save changes nothing. */
@QuarkusTest
class PolicyFolderWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = RulesFolderResource.PROPERTY)
    Path folder;

    private String original;
    private String originalGuardrails;

    @BeforeEach
    void remember() throws IOException {
        original = activeVersion();
        originalGuardrails = Files.readString(folder.resolve("guardrails.drl"));
    }

    @AfterEach
    void restore() throws IOException {
        Files.writeString(folder.resolve("guardrails.drl"), originalGuardrails);
        waitFor(() -> PolicySource.fromDirectory(folder).hash().equals(original) && versionStored(original));
        given().header("Authorization", "Bearer " + ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
    }

    @Test
    void aValidSaveBecomesTheActiveVersion() throws IOException {
        Files.writeString(folder.resolve("guardrails.drl"), originalGuardrails + "\n// tightened by an analyst\n");
        String expected = PolicySource.fromDirectory(folder).hash();

        waitFor(() -> activeVersion().equals(expected));

        as(ANALYST).get("/api/policies/" + expected).then().statusCode(200)
                .body("origin", org.hamcrest.Matchers.equalTo("FOLDER"))
                .body("author", org.hamcrest.Matchers.equalTo("system:rules-folder"));
    }

    @Test
    void aBrokenSaveLeavesTheActiveVersionRunning() throws IOException {
        Files.writeString(folder.resolve("guardrails.drl"), originalGuardrails + "\nrule \"Broken\" when then oops end\n");
        String broken = PolicySource.fromDirectory(folder).hash();
        // A later valid save proves the watcher went past the broken one.
        Files.writeString(folder.resolve("guardrails.drl"), originalGuardrails + "\n// fixed again\n");
        String fixed = PolicySource.fromDirectory(folder).hash();

        waitFor(() -> activeVersion().equals(fixed));

        assertThat(versionStored(broken)).isFalse();
    }

    private static String activeVersion() {
        return as(ANALYST).get("/api/policy").path("version");
    }

    private static boolean versionStored(String version) {
        return as(ANALYST).get("/api/policies/" + version).statusCode() == 200;
    }

    private static void waitFor(Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.get()) {
            assertThat(Instant.now()).as("waited %s for the rules folder to be picked up", WAIT).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}

package io.claimpilot.policy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.ANALYST2;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Old compiled versions are let go: memory does not grow with the number of activations. */
@QuarkusTest
class KieBaseReleaseTest {

    @Inject
    PolicyEngine engine;

    @Test
    void compiledVersionsAreReleasedOnceUnused() throws Exception {
        String original = engine.active().version();
        List<String> versions = new ArrayList<>();
        for (int i = 0; i < PolicyEngine.CACHED_VERSIONS + 4; i++) {
            versions.add(given().header("Authorization", "Bearer " + ANALYST)
                    .multiPart("comment", "release test " + i)
                    .multiPart("files", "guardrails.drl", (PolicyFixtures.shippedGuardrails() + "\n// release test " + i + "\n").getBytes())
                    .post("/api/policies").then().statusCode(201).extract().<String>path("version"));
        }
        // Uploaded by one analyst, activated by a second (two-person activation).
        given().header("Authorization", "Bearer " + ANALYST2).post("/api/policies/" + versions.get(0) + "/activate").then().statusCode(200);
        WeakReference<CompiledPolicy> first = new WeakReference<>(engine.active());

        try {
            for (String version : versions.subList(1, versions.size())) {
                given().header("Authorization", "Bearer " + ANALYST2).post("/api/policies/" + version + "/activate").then().statusCode(200);
            }
            assertThat(engine.cachedVersions()).isLessThanOrEqualTo(PolicyEngine.CACHED_VERSIONS);
            for (int i = 0; i < 20 && first.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertThat(first.get()).as("the first version's KieBase after %d newer activations", versions.size() - 1).isNull();
        } finally {
            given().header("Authorization", "Bearer " + ANALYST).post("/api/policies/" + original + "/activate").then().statusCode(200);
        }
    }
}

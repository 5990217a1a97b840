package io.claimpilot.policy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.claimpilot.support.Api.ANALYST;
import static io.claimpilot.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class PolicyApiTest {

    @Test
    void analystSeesTheActiveVersionItsFilesAndRules() {
        String expected = PolicySource.fromDirectory(java.nio.file.Path.of("rules")).hash();

        as(ANALYST).get("/api/policy").then().statusCode(200)
                .body("version", equalTo(expected))
                .body("files", equalTo(List.of("claims.xlsx", "guardrails.drl", "non-delivery.xlsx",
                        "scenarios/exchanges.csv", "scenarios/fraud-and-delivery.csv", "scenarios/starting-policy.csv")))
                .body("rules.size()", equalTo(22))
                .body("rules", hasItems("Guard rail: more than 3 claims in 30 days", "Damaged without a photo: ask for one"))
                .body("rulesByFile.'guardrails.drl'.size()", equalTo(5));
    }
}

package io.claimpilot.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the embedded PostgreSQL and a private copy of the rules folder for every @QuarkusTest in the run. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(RulesFolderResource.class)
public final class TestDatabase {
    private TestDatabase() {
    }
}

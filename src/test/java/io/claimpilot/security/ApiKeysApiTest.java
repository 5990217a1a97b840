package io.claimpilot.security;

import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A person's key belongs to a console user: its identity is the user's name, and it dies with the user. */
@QuarkusTest
class ApiKeysApiTest {

    @Inject
    Db db;
    @Inject
    ConsoleUsers users;

    @Test
    void aPersonsKeyNeedsAnActiveUserWithItsRole() {
        long keys = db.count("select count(*) from api_key");
        as(ADMIN).body(Map.of("owner", "Script", "role", "agent")).post("/api/keys").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("userId"));
        as(ADMIN).body(Map.of("owner", "Script", "role", "agent", "userId", "nobody-" + UUID.randomUUID())).post("/api/keys")
                .then().statusCode(400).body("field", equalTo("userId"));
        as(ADMIN).body(Map.of("owner", "Script", "role", "admin", "userId", "agent")).post("/api/keys").then().statusCode(400)
                .body("field", equalTo("role"));
        as(ADMIN).body(Map.of("owner", "Script", "role", "shop", "userId", "agent")).post("/api/keys").then().statusCode(400)
                .body("field", equalTo("userId"));
        as(ADMIN).body(Map.of("owner", "Script", "role", "agent", "userId", "agent", "callerId", "acme")).post("/api/keys").then()
                .statusCode(400).body("field", equalTo("callerId"));
        as(AGENT).body(Map.of("owner", "Script", "role", "agent", "userId", "agent")).post("/api/keys").then().statusCode(403);
        assertThat(db.count("select count(*) from api_key")).isEqualTo(keys);
    }

    @Test
    void theKeysIdentityIsItsUserAndItStopsWorkingWhenTheUserIsDeactivated() {
        String username = "holder-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(username, "correct horse battery staple", Roles.ADMIN, "Key Holder", "test");
        String secret = as(ADMIN).body(Map.of("owner", "Nightly export", "role", "admin", "userId", username)).post("/api/keys")
                .then().statusCode(201).body("userId", equalTo(username)).body("owner", equalTo("Nightly export"))
                .extract().path("secret");

        // What the key does is recorded under the user's name, not under the label.
        as(secret).body(Map.of("reason", "key identity test")).post("/api/automation/pause").then().statusCode(200)
                .body("changedBy", equalTo(username));
        as(secret).post("/api/automation/resume").then().statusCode(200);

        users.deactivate(username, "test");
        as(secret).get("/api/automation").then().statusCode(401);
        assertThat(db.count("select count(*) from security_audit where subject = ?1 and action = 'USER_DEACTIVATED'"
                + " and detail like '1 active API key%'", username)).isEqualTo(1);
    }

    @Test
    void issuingRotatingAndRevokingAreAudited() {
        String id = as(ADMIN).body(Map.of("owner", "Audit me", "role", "agent", "userId", "agent2")).post("/api/keys")
                .then().statusCode(201).header("Cache-Control", org.hamcrest.Matchers.containsString("no-store")).extract().path("id");
        String rotated = as(ADMIN).post("/api/keys/" + id + "/rotate").then().statusCode(201).body("userId", equalTo("agent2"))
                .extract().path("id");
        as(ADMIN).post("/api/keys/" + id + "/revoke").then().statusCode(200).body("active", equalTo(false));
        as(ADMIN).post("/api/keys/" + id + "/revoke").then().statusCode(409);

        assertThat(db.count("select count(*) from security_audit where subject = ?1 and actor = 'admin' and action = 'KEY_ISSUED'"
                + " and detail = 'agent key held by user agent2'", id)).isEqualTo(1);
        assertThat(db.count("select count(*) from security_audit where subject = ?1 and action = 'KEY_ROTATED'"
                + " and detail like '%replaces " + id + "'", rotated)).isEqualTo(1);
        assertThat(db.count("select count(*) from security_audit where subject = ?1 and action = 'KEY_REVOKED'", id)).isEqualTo(1);
    }

    @Test
    void theDemoKeysBelongToTheDemoUsers() {
        assertThat(db.count("select count(*) from api_key where demo and role <> 'shop' and user_id is null")).isZero();
        assertThat(db.count("select count(*) from api_key where id = 'key-demo-agent' and user_id = 'agent'")).isEqualTo(1);
        assertThat(db.count("select count(*) from api_key where id = 'key-demo-analyst2' and user_id = 'analyst2'")).isEqualTo(1);
        assertThat(db.count("select count(*) from api_key where id = 'key-demo-shop' and caller_id = 'demo-shop'")).isEqualTo(1);
    }
}

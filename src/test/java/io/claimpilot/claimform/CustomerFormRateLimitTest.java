package io.claimpilot.claimform;

import io.claimpilot.claimform.ClaimLinkFixtures.Form;
import io.claimpilot.claimform.ClaimLinkFixtures.Visit;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.claimpilot.claimform.ClaimLinkFixtures.link;
import static io.claimpilot.claimform.ClaimLinkFixtures.linkBody;
import static io.claimpilot.claimform.ClaimLinkFixtures.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The form's posts per address ({@code claimpilot.claim-links.max-submits-per-address}), with a limit of 3 in 10
 * minutes instead of the other tests' limit out of reach. Every request here comes from 127.0.0.1. Its own profile,
 * so its own application: no other test's posts count here.
 */
@QuarkusTest
@TestProfile(CustomerFormRateLimitTest.ThreePostsInTenMinutes.class)
class CustomerFormRateLimitTest {

    public static class ThreePostsInTenMinutes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("claimpilot.claim-links.max-submits-per-address", "3",
                    "claimpilot.claim-links.submit-window", "10m");
        }
    }

    @Inject
    MutableClock clock;
    @Inject
    Db db;

    @Test
    void theFourthPostFromOneAddressWithinTenMinutesIsRefusedInTheCustomersLanguageAndTakenAgainAfterTheWindow() {
        for (int i = 0; i < 3; i++) {
            String token = link(linkBody("en", 1));
            notReceived().post("/claim/" + token, visit("/claim/" + token)).then().statusCode(303);
            assertThat(claimsOf(token)).as("post " + (i + 1)).isEqualTo(1);
        }
        String token = link(linkBody("fr-FR", 1));
        Visit visit = visit("/claim/" + token);

        Response refused = notReceived().post("/claim/" + token, visit);

        refused.then().statusCode(429).contentType("text/html").header("Retry-After", "600")
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("<h1>Merci de patienter un instant</h1>"))
                .body(containsString("Trop de tentatives depuis votre connexion. Réessayez dans 10 minutes."));
        assertThat(claimsOf(token)).isZero();
        assertThat(db.count("select count(*) from claim_link where id = ? and claim_id is null and used_at is null",
                linkId(token))).isEqualTo(1);

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        notReceived().post("/claim/" + token, visit).then().statusCode(429);
        clock.advance(Duration.ofSeconds(1));
        notReceived().post("/claim/" + token, visit).then().statusCode(303);
        assertThat(claimsOf(token)).isEqualTo(1);
    }

    private static Form notReceived() {
        return new Form().field("quantity-0", "1").field("reason", "NOT_RECEIVED").field("notWithNeighbour", "yes");
    }

    private long claimsOf(String token) {
        return db.count("select count(*) from claim where external_id = ?", linkId(token));
    }

    private static String linkId(String token) {
        return token.substring(0, token.indexOf('.'));
    }
}

package io.claimpilot.claimform;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.claimpilot.claimform.ClaimLinkFixtures.link;
import static io.claimpilot.claimform.ClaimLinkFixtures.linkBody;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.money;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /api/claim-links}: who may ask, what is refused, what the link says, and links that no longer open. */
@QuarkusTest
class ClaimLinkApiTest {

    @Inject
    Db db;
    @Inject
    MutableClock clock;

    @Test
    void aShopGetsASignedLinkValidFor30DaysAndTheFactsStayOnTheServer() {
        Map<String, Object> body = linkBody("fr-FR", 1);
        Instant before = clock.instant();

        Response answer = as(SHOP).body(body).post("/api/claim-links");

        answer.then().statusCode(201)
                .body("id", startsWith("lnk_"))
                .body("url", matchesPattern("http://localhost:8080/claim/lnk_[0-9a-f]{32}\\.[0-9]+\\.[A-Za-z0-9_-]{43}"))
                .body("url", not(containsString("alice")));
        assertThat(Instant.parse(answer.path("expiresAt"))).isEqualTo(before.plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        String id = answer.path("id");
        assertThat(db.count("select count(*) from claim_link where id = ? and caller = 'demo-shop' and claim_id is null"
                + " and facts->>'orderId' = ?", id, body.get("orderId"))).isEqualTo(1);
    }

    @Test
    void onlyAShopKeyMayAskForALink() {
        Map<String, Object> body = linkBody("en", 1);
        given().contentType("application/json").body(body).post("/api/claim-links").then().statusCode(401);
        as(AGENT).body(body).post("/api/claim-links").then().statusCode(403);
        as(ADMIN).body(body).post("/api/claim-links").then().statusCode(403);
        assertThat(db.count("select count(*) from claim_link where order_id = ?", body.get("orderId"))).isZero();
    }

    @Test
    void badFactsAreRefusedFieldByFieldAndNothingIsStored() {
        Map<String, Object> body = linkBody("en", 1);
        ((Map<String, Object>) body.get("customer")).put("email", "not an address");
        ((Map<String, Object>) ((List<Object>) body.get("items")).get(0)).put("unitPrice", money("24.90", "USD"));
        ((Map<String, Object>) ((List<Object>) body.get("items")).get(1)).put("quantity", 0);

        as(SHOP).body(body).post("/api/claim-links").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("customer.email"))
                .body("violations.field", hasItem("items[0].unitPrice.currency"))
                .body("violations.field", hasItem("items[1].quantity"));

        body.put("items", List.of());
        as(SHOP).body(body).post("/api/claim-links").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("items"));
        as(SHOP).body(Map.of()).post("/api/claim-links").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("orderId"));
        assertThat(db.count("select count(*) from claim_link where order_id = ?", body.get("orderId"))).isZero();
    }

    @Test
    void anExpiredLinkShowsAFriendlyPageInTheCustomersLanguage() {
        String token = link(linkBody("fr", 1));
        Instant now = clock.instant();
        try {
            clock.advance(Duration.ofDays(30).plusSeconds(1));
            given().get("/claim/" + token).then().statusCode(410).contentType("text/html")
                    .body(containsString("<html lang=\"fr\">"))
                    .body(containsString("Ce lien a expiré"));
            given().get("/claim/" + token + "?lang=en").then().statusCode(410)
                    .body(containsString("This link has expired"));
        } finally {
            clock.set(now);
        }
        given().get("/claim/" + token).then().statusCode(200);
    }

    @Test
    void aForgedOrAlteredTokenShowsAFriendlyPageNeverAStackTrace() {
        String token = link(linkBody("en", 1));
        String[] parts = token.split("\\.");
        String longer = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400 * 365) + "." + parts[2];
        String otherSignature = parts[0] + "." + parts[1] + "." + "A".repeat(43);

        for (String forged : List.of(longer, otherSignature, "lnk_nothing", "x".repeat(300), parts[0])) {
            given().get("/claim/" + forged).then().statusCode(404).contentType("text/html")
                    .body(containsString("This link is not valid"))
                    .body(not(containsString("Exception")));
        }
        // A link's token does not open the evidence page of a claim, nor the other way round.
        given().get("/claim/" + token + "/evidence").then().statusCode(404).body(containsString("This link is not valid"));
    }
}

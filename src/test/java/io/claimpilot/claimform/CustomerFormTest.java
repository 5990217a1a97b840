package io.claimpilot.claimform;

import io.claimpilot.action.CustomerNotice;
import io.claimpilot.action.MessageSituation;
import io.claimpilot.claimform.ClaimLinkFixtures.Form;
import io.claimpilot.claimform.ClaimLinkFixtures.Visit;
import io.claimpilot.message.CustomerMessages;
import io.claimpilot.message.RenderedMessage;
import io.claimpilot.support.ConsoleSession;
import io.claimpilot.support.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.claimpilot.claimform.ClaimLinkFixtures.link;
import static io.claimpilot.claimform.ClaimLinkFixtures.linkBody;
import static io.claimpilot.claimform.ClaimLinkFixtures.visit;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The customer form with plain HTTP, as a browser without JavaScript sends it. */
@QuarkusTest
class CustomerFormTest {

    @Inject
    Db db;
    @Inject
    CustomerMessages messages;

    private long claimsOf(String token) {
        return db.count("select count(*) from claim where external_id = ?", token.substring(0, token.indexOf('.')));
    }

    private String claimIdOf(String token) {
        return db.strings("select id from claim where external_id = ?", token.substring(0, token.indexOf('.'))).get(0);
    }

    @Test
    void theFormShowsTheOrdersItemsInTheCustomersLanguageWithASwitch() {
        String token = link(linkBody("fr-FR", 1));

        Response page = given().get("/claim/" + token);
        assertThat(page.getHeaders().getValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .matches("claimpilot-form-csrf=[A-Za-z0-9_-]{22};.*").containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict").contains("Path=/claim"));
        page.then().statusCode(200).contentType("text/html")
                .body(containsString("<html lang=\"fr\">"))
                .body(containsString("Blue vase : 1 commandé(s) à 24,90"))
                .body(containsString("Il est arrivé abîmé"))
                .body(containsString("<legend>Que s&#39;est-il passé ?</legend>"))
                .body(containsString("<label for=\"photos\">"))
                .body(containsString("href=\"/claim/" + token + "?lang=en\""));
        given().get("/claim/" + token + "?lang=en").then().statusCode(200)
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("Blue vase: 1 ordered at €24.90 each"))
                .body(containsString("It arrived damaged"));
    }

    @Test
    void aPostWithoutTheFormsTokenOrWithAnotherLinksTokenIsRefusedAndStoresNothing() {
        String token = link(linkBody("en", 0));
        String other = link(linkBody("en", 0));
        Visit otherVisit = visit("/claim/" + other);
        Form damaged = new Form().field("quantity-0", "1").field("reason", "DAMAGED").jpeg();

        damaged.post("/claim/" + token, null).then().statusCode(403)
                .body(containsString("The form has expired in this browser"));
        damaged.post("/claim/" + token, otherVisit).then().statusCode(403);
        given().cookie(CustomerFormPage.CSRF_COOKIE, otherVisit.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("reason", "DAMAGED").post("/claim/" + token).then().statusCode(415);

        assertThat(claimsOf(token)).isZero();
    }

    @Test
    void theProofFollowsTheReasonAndARefusedFormComesBackWithItsMessagesAndAnswers() {
        String token = link(linkBody("en", 0));
        Visit visit = visit("/claim/" + token);

        new Form().field("quantity-0", "1").field("reason", "DAMAGED").field("description", "Cracked <b>rim</b>")
                .post("/claim/" + token, visit).then().statusCode(400)
                .body(containsString("<div class=\"summary\" role=\"alert\""))
                .body(containsString("<a href=\"#photos\">Add at least one photo of the problem.</a>"))
                .body(containsString("<p class=\"error\" id=\"photos-error\">"))
                .body(containsString("aria-describedby=\"photos-error\""))
                .body(containsString("value=\"DAMAGED\" checked"))
                .body(containsString(">Cracked &lt;b&gt;rim&lt;/b&gt;</textarea>"));
        new Form().field("quantity-1", "2").field("reason", "NOT_RECEIVED").post("/claim/" + token, visit).then().statusCode(400)
                .body(containsString("<a href=\"#notWithNeighbour\">Please confirm that the parcel is not with a neighbour"));
        new Form().field("quantity-0", "0").field("reason", "WRONG_ITEM").jpeg().post("/claim/" + token, visit).then().statusCode(400)
                .body(containsString("Choose at least one item, and how many are affected."));
        new Form().field("quantity-1", "3").field("reason", "OTHER").post("/claim/" + token, visit).then().statusCode(400)
                .body(containsString("Choose a number between 0 and 2."))
                .body(containsString("Tell us what happened"));
        new Form().field("quantity-0", "1").field("reason", "RETURN_SCANNED").post("/claim/" + token, visit).then().statusCode(400)
                .body(containsString("Choose what happened."));
        new Form().field("quantity-0", "1").field("reason", "DAMAGED").photo("notes.jpg", "just text".getBytes(StandardCharsets.UTF_8))
                .post("/claim/" + token, visit).then().statusCode(400)
                .body(containsString("Send photos as JPEG, PNG or WebP images"));
        Form six = new Form().field("quantity-0", "1").field("reason", "DAMAGED");
        for (int i = 0; i < 6; i++) {
            six.jpeg();
        }
        six.post("/claim/" + token, visit).then().statusCode(400).body(containsString("Add at most 5 photos."));
        new Form().field("quantity-1", "2").field("reason", "OTHER").field("description", "Broken\u0000 rim\u001b[2J")
                .post("/claim/" + token, visit).then().statusCode(400)
                .body(containsString("<a href=\"#description\">Your description contains characters we cannot keep."));

        assertThat(claimsOf(token)).isZero();
        assertThat(db.count("select count(*) from claim_link where id = ? and claim_id is null", token.substring(0, token.indexOf('.')))).isEqualTo(1);
    }

    @Test
    void aDamagedItemWithAPhotoMakesTheShopsClaimAndTheConfirmationSaysTheRefundInBothLanguages() {
        Map<String, Object> body = linkBody("en-GB", 0);
        String token = link(body);
        Visit visit = visit("/claim/" + token);

        Response sent = new Form().field("quantity-0", "1").field("quantity-1", "0").field("reason", "DAMAGED")
                .field("description", "The vase was cracked").field("lang", "en").jpeg().post("/claim/" + token, visit);

        sent.then().statusCode(303).header("Location", containsString("/claim/" + token + "/done?lang=en"));
        given().get("/claim/" + token + "/done?lang=en").then().statusCode(200)
                .body(containsString("Your refund of €24.90 is on its way."));
        given().get("/claim/" + token + "/done?lang=fr").then().statusCode(200)
                .body(matchesPattern("(?s).*Votre remboursement de 24,90[\u00a0\u202f]€ est en route\\..*"));
        String claimId = claimIdOf(token);
        as(SHOP).get("/api/claims/" + claimId).then().statusCode(200)
                .body("externalId", equalTo(token.substring(0, token.indexOf('.'))))
                .body("orderId", equalTo(body.get("orderId")))
                .body("reason", equalTo("DAMAGED"))
                .body("status", equalTo("REFUND_APPROVED"))
                .body("amount.amount", equalTo("24.90"))
                .body("items.size()", equalTo(1))
                .body("facts.hasPhoto", equalTo(true))
                .body("evidence[0].type", equalTo("PHOTO"))
                .body("customerDescription", equalTo("The vase was cracked"));
        assertThat(db.count("select count(*) from evidence where claim_id = ? and added_by = 'customer-form' and photo_id is not null", claimId)).isEqualTo(1);
        // Decided once, with the photo: the customer is never asked for the photo they sent.
        assertThat(db.count("select count(*) from outbox where claim_id = ? and idempotency_key like '%PHOTO_REQUESTED%'", claimId)).isZero();
    }

    @Test
    void aParcelNotReceivedGoesToAPersonAndTheConfirmationSaysWithin24Hours() {
        String token = link(linkBody("fr", 1));
        Visit visit = visit("/claim/" + token);

        new Form().field("quantity-1", "2").field("reason", "NOT_RECEIVED").field("notWithNeighbour", "yes").field("lang", "fr")
                .post("/claim/" + token, visit).then().statusCode(303);

        given().get("/claim/" + token + "/done?lang=fr").then().statusCode(200)
                .body(containsString("Nous avons demandé à une personne d&#39;examiner votre demande ; vous aurez de nos nouvelles sous 24 h."));
        given().get("/claim/" + token + "/done?lang=en").then().statusCode(200)
                .body(containsString("We&#39;ve asked a person to look at it; you&#39;ll hear from us within 24 h."));
        String claimId = claimIdOf(token);
        as(SHOP).get("/api/claims/" + claimId + "/audit").then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.hasItem("The customer confirmed the parcel is not at a neighbour's or the pick-up point"));
    }

    @Test
    void erasingTheCustomerErasesTheFactsOfTheirLinksUsedOrNotAndTheirWordsOnTheClaim() {
        Map<String, Object> body = linkBody("en", 1);
        String customerId = (String) ((Map<String, Object>) body.get("customer")).get("id");
        String used = link(body);
        String unused = link(body);
        new Form().field("quantity-0", "1").field("reason", "OTHER").field("description", "Left at 3 Rose Street")
                .post("/claim/" + used, visit("/claim/" + used)).then().statusCode(303);

        String claimId = claimIdOf(used);
        as(AGENT).get("/api/claims/" + claimId).then().statusCode(200).body("customerDescription", equalTo("Left at 3 Rose Street"));

        as(ADMIN).post("/api/customers/" + customerId + "/erase").then().statusCode(200).body("claims", equalTo(1));

        // The customer's own words go whole, as the link's facts do: no search for known values could clean free text.
        as(AGENT).get("/api/claims/" + claimId).then().statusCode(200).body("customerDescription", nullValue());
        assertThat(db.count("select count(*) from claim where id = ? and customer_description is null and erased_at is not null",
                claimId)).isEqualTo(1);
        for (String token : List.of(used, unused)) {
            assertThat(db.count("select count(*) from claim_link where id = ? and facts is null",
                    token.substring(0, token.indexOf('.')))).isEqualTo(1);
            given().get("/claim/" + token).then().statusCode(404).body(containsString("This link is not valid"));
        }
    }

    @Test
    void agentsReadTheCustomersWordsEscapedOnTheClaimPageAndInTheApiViewWhichHasNoneForOtherClaims() {
        String token = link(linkBody("en", 1));
        String words = "<script>alert('pwned')</script> Never came & the tracking says \"delivered\"";
        new Form().field("quantity-0", "1").field("reason", "NOT_RECEIVED").field("notWithNeighbour", "yes")
                .field("description", words).post("/claim/" + token, visit("/claim/" + token)).then().statusCode(303);
        String claimId = claimIdOf(token);

        as(AGENT).get("/api/claims/" + claimId).then().statusCode(200).body("customerDescription", equalTo(words));
        Cookies session = ConsoleSession.signIn("agent");
        String page = given().cookies(session).get("/console/claims/" + claimId).then().statusCode(200).extract().asString();
        assertThat(page).contains("<dt>In the customer&#39;s words</dt><dd id=\"customer-description\" class=\"customer-words\">"
                        + "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt; Never came &amp; the tracking says &quot;delivered&quot;</dd>")
                .doesNotContain("<script>alert(");

        String plain = as(SHOP).body(claim("NOT_RECEIVED", "19.90").item(uniqueId("MUG"), 1, "19.90").map())
                .post("/api/claims").then().statusCode(201).extract().path("id");
        as(AGENT).get("/api/claims/" + plain).then().statusCode(200).body("customerDescription", nullValue());
        given().cookies(session).get("/console/claims/" + plain).then().statusCode(200)
                .body(not(containsString("customer-description")));
    }

    @Test
    void theCustomersWordsGoOutOnlyToEventSubscribersOfPersonalDataAndErasureTakesThemOutOfEventsNotSentYet() {
        String personal = subscribe("/words-personal", true);
        String plain = subscribe("/words-plain", false);
        try {
            Map<String, Object> body = linkBody("en", 1);
            String customerId = (String) ((Map<String, Object>) body.get("customer")).get("id");
            String token = link(body);
            new Form().field("quantity-0", "1").field("reason", "NOT_RECEIVED").field("notWithNeighbour", "yes")
                    .field("description", "Ring at flat 4B, the door code is 4711").post("/claim/" + token, visit("/claim/" + token))
                    .then().statusCode(303);
            String claimId = claimIdOf(token);
            String event = "select count(*) from outbox where claim_id = ? and action = 'EVENT_DELIVERY' and payload->>'subscriptionId' = ?"
                    + " and payload->'data'->>'customerDescription' = 'Ring at flat 4B, the door code is 4711'";
            assertThat(db.count(event, claimId, personal)).isEqualTo(1);
            assertThat(db.count(event, claimId, plain)).isZero();
            assertThat(db.count("select count(*) from outbox where claim_id = ? and action = 'EVENT_DELIVERY'"
                    + " and payload->>'subscriptionId' = ? and payload->'data'->>'id' = ?", claimId, plain, claimId)).isEqualTo(1);

            as(ADMIN).post("/api/customers/" + customerId + "/erase").then().statusCode(200);

            assertThat(db.strings("select payload::text from outbox where claim_id = ? and action = 'EVENT_DELIVERY'", claimId))
                    .hasSize(2).allSatisfy(payload -> assertThat(payload).doesNotContain("flat 4B", "4711", "customerDescription"));
        } finally {
            as(ADMIN).delete("/api/event-subscriptions/" + personal).then().statusCode(204);
            as(ADMIN).delete("/api/event-subscriptions/" + plain).then().statusCode(204);
        }
    }

    /** A subscription to claim.created on a closed local port, deleted by the test: its queued events are then skipped. */
    private static String subscribe(String path, boolean includePersonalData) {
        return as(ADMIN).body(Map.of("url", "http://127.0.0.1:9" + path, "events", List.of("claim.created"),
                "includePersonalData", includePersonalData)).post("/api/event-subscriptions").then().statusCode(201).extract().path("id");
    }

    @Test
    void twoSubmitsOfOneLinkAtOnceMakeOneClaimAndBothSeeItsConfirmation() throws Exception {
        String token = link(linkBody("en", 1));
        Visit visit = visit("/claim/" + token);
        Form notReceived = new Form().field("quantity-0", "1").field("reason", "NOT_RECEIVED").field("notWithNeighbour", "yes");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> submits = List.of(1, 2).stream().map(n -> CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return notReceived.post("/claim/" + token, visit);
            }, pool)).toList();
            start.countDown();
            for (CompletableFuture<Response> submit : submits) {
                submit.get().then().statusCode(303).header("Location", containsString("/claim/" + token + "/done"));
            }
        } finally {
            pool.shutdown();
        }

        assertThat(claimsOf(token)).isEqualTo(1);
        String linkId = token.substring(0, token.indexOf('.'));
        assertThat(db.count("select count(*) from claim_link where id = ? and claim_id = ?", linkId, claimIdOf(token))).isEqualTo(1);
        // Used: the link now opens the confirmation, and a later submit changes nothing.
        given().redirects().follow(false).get("/claim/" + token).then().statusCode(303)
                .header("Location", containsString("/claim/" + token + "/done"));
        notReceived.post("/claim/" + token, visit).then().statusCode(303);
        assertThat(claimsOf(token)).isEqualTo(1);
    }

    @Test
    void thePhotoRequestLinksToAnUploadPageThatDecidesTheWaitingClaim() {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 3)).put("/api/stock/" + sku).then().statusCode(200);
        String claimId = as(SHOP).body(claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(sku, 1, "30.00").map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("AWAITING_EVIDENCE")).extract().path("id");

        RenderedMessage message = QuarkusTransaction.requiringNew().call(() -> messages.render(
                new CustomerNotice(claimId, MessageSituation.PHOTO_REQUESTED, null, null, null, null, null), messages.addressee(claimId)));
        assertThat(message.body()).contains("Envoyez-la depuis votre téléphone ou votre ordinateur sur cette page : http://localhost:8080/claim/")
                .contains("Vous pouvez aussi répondre à ce message en joignant la photo");
        String url = message.body().replaceAll("(?s).*(http://localhost:8080/claim/\\S+/evidence).*", "$1");
        String path = url.substring("http://localhost:8080".length());
        Visit visit = visit(path);
        assertThat(visit.html()).contains("<html lang=\"fr\">").contains("Envoyer une photo pour votre demande");

        new Form().post(path, visit).then().statusCode(400).body(containsString("Ajoutez au moins une photo du problème."));
        new Form().jpeg().post(path, null).then().statusCode(403);
        new Form().jpeg().post(path, visit).then().statusCode(303).header("Location", containsString("sent=1"));

        given().get(path + "?sent=1&lang=en").then().statusCode(200).body(containsString("Thank you, we have your photos."));
        as(SHOP).get("/api/claims/" + claimId).then().statusCode(200)
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("facts.hasPhoto", equalTo(true));
        assertThat(db.count("select count(*) from evidence where claim_id = ? and added_by = 'customer-form'", claimId)).isEqualTo(1);
        // The claim's evidence token opens no claim form.
        given().get("/claim/" + ClaimLinkFixtures.token(url)).then().statusCode(404).body(not(containsString("Exception")));
    }
}

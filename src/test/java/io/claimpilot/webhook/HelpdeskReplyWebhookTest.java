package io.claimpilot.webhook;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimpilot.connector.helpdesk.GorgiasReplies;
import io.claimpilot.connector.helpdesk.HelpdeskReplySources;
import io.claimpilot.connector.helpdesk.ZendeskReplies;
import io.claimpilot.photo.PhotoFixtures;
import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Customers' replies in their helpdesk ticket become the claim's evidence: Zendesk's signed comment-added webhook and
 * Gorgias's message-created HTTP integration, against fakes of both APIs that serve the attachments too. The fakes
 * answer with our own bodies for the edge cases, and with the providers' published answers
 * ({@code src/test/resources/providers/zendesk/comments.json}, {@code .../gorgias/messages.json}), also with an
 * unknown field added at each level in turn, for the rest.
 */
@QuarkusTest
class HelpdeskReplyWebhookTest {

    static final String ZENDESK_SECRET = "test-only-zendesk-events-signing-secret";
    static final String GORGIAS_TOKEN = "test-only-gorgias-webhook-token";
    /** The paths of the two uploads in Zendesk's recorded comment (providers/zendesk/comments.json), and of their thumbnails. */
    static final String[] ZENDESK_UPLOADS = {"/attachments/token/iaku8eunvfo2xvv/", "/attachments/token/gsl6vsoh14nbmni/"};
    static final String[] ZENDESK_THUMBNAILS = {"/attachments/token/jreatlzkjnywwqr/", "/attachments/token/bfldshiyddzdz6o/"};

    @Inject
    WebhookProcessor processor;
    @Inject
    MutableClock clock;
    @Inject
    Db db;
    @Inject
    HelpdeskReplySources sources;

    private WireMockServer zendesk;
    private WireMockServer gorgias;
    private WireMockServer elsewhere;

    @BeforeEach
    void start() {
        zendesk = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        gorgias = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        elsewhere = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        zendesk.start();
        gorgias.start();
        elsewhere.start();
        sources.useZendesk(new ZendeskReplies(zendesk.baseUrl(), "support@shop.example", "zd-test-token",
                List.of("zdusercontent.com"), Duration.ofSeconds(5)));
        sources.useGorgias(new GorgiasReplies(gorgias.baseUrl(), "api@shop.example", "gorgias-test-key",
                List.of("gorgias.io"), Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        sources.useZendesk(null);
        sources.useGorgias(null);
        zendesk.stop();
        gorgias.stop();
        elsewhere.stop();
    }

    /** A damaged product in stock, delivered, with the customer's Zendesk or Gorgias ticket: it waits for a photo. */
    private static String damagedClaimWithTicket(String ticketId) {
        return damagedClaimWithTicket(ticketId, uniqueId("cust"));
    }

    private static String damagedClaimWithTicket(String ticketId, String customerId) {
        String sku = uniqueId("SKU");
        as(ADMIN).body(Map.of("available", 3)).put("/api/stock/" + sku).then().statusCode(200);
        Map<String, Object> body = claim("DAMAGED", "30.00").fulfillment("DELIVERED").item(sku, 1, "30.00")
                .customerId(customerId).map();
        body.put("helpdeskTicketId", ticketId);
        return as(SHOP).body(body).post("/api/claims").then().statusCode(201)
                .body("status", equalTo("AWAITING_EVIDENCE")).extract().path("id");
    }

    @Test
    void aCustomersZendeskCommentWithAPhotoIsFetchedStoredAndDecidesTheWaitingClaimOnce() {
        String ticket = ticketId();
        String id = damagedClaimWithTicket(ticket);
        String comment = ticketId();
        byte[] jpeg = PhotoFixtures.jpegWithGps();
        zendeskComments(ticket, comment, "Voici la photo du mug cassé", attachment("9001", "image/jpeg", jpeg.length,
                zendesk.baseUrl() + "/attachments/token/abc/?name=mug.jpg"));
        zendesk.stubFor(get(urlPathEqualTo("/attachments/token/abc/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(jpeg)));

        String body = zendeskEvent(ticket, comment, "Voici la photo du mug cassé", true, false);
        zendeskWebhook(body, uniqueId("inv"), zendeskTimestamp(), null).statusCode(202).body("status", equalTo("queued"));
        // Zendesk may deliver the same comment again under another invocation: it adds nothing.
        zendeskWebhook(body, uniqueId("inv"), zendeskTimestamp(), null).statusCode(202);
        processor.processDue();

        as(AGENT).get("/api/claims/" + id).then().statusCode(200)
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("evidence.size()", equalTo(1))
                .body("evidence[0].type", equalTo("PHOTO"));
        assertThat(db.strings("select added_by from evidence where claim_id = ?1", id)).containsExactly("zendesk");
        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1 and added_by = 'zendesk'", id)).isEqualTo(1);
        assertThat(db.strings("select outcome from webhook_delivery where provider = 'zendesk' and convert_from(body, 'UTF8') like ?1"
                + " order by id", "%" + comment + "%"))
                .containsExactly("Reply " + comment + " on claim " + id + ": 1 photo(s), 0 tracking number(s) added",
                        "Comment " + comment + " was read before: nothing added");
        zendesk.verify(1, getRequestedFor(urlPathEqualTo("/attachments/token/abc/")));
    }

    @Test
    void zendesksRecordedCommentWithUploadsAddsEachUploadOnceAsAPhotoAndNotItsThumbnails() {
        String ticket = ticketId();
        String id = damagedClaimWithTicket(ticket);
        String comment = ticketId();
        stubPublishedZendeskComment(ticket, comment, ProviderFixtures.text("zendesk", "comments.json"));

        zendeskWebhook(zendeskEvent(ticket, comment, "Indeed it is!", true, false), uniqueId("inv"), zendeskTimestamp(), null)
                .statusCode(202);
        processor.processDue();

        // Zendesk lists each upload's thumbnail inside the upload and, in this recorded answer, as an attachment too: a
        // preview of a photo is not another photo of the customer's.
        assertThat(zendeskOutcome(comment)).isEqualTo("Reply " + comment + " on claim " + id + ": 2 photo(s), 0 tracking number(s) added");
        assertThat(db.count("select count(*) from claim_photo where claim_id = ?1 and added_by = 'zendesk'", id)).isEqualTo(2);
        as(AGENT).get("/api/claims/" + id).then().statusCode(200).body("status", equalTo("RESHIP_APPROVED"));
        for (String thumbnail : ZENDESK_THUMBNAILS) {
            zendesk.verify(0, getRequestedFor(urlPathEqualTo(thumbnail)));
        }
    }

    @Test
    void zendesksRecordedCommentWithAnUnknownFieldAnywhereEndsLikeTheOriginal() {
        // 8 objects: the answer, the comment, its 4 attachments and the 2 thumbnails nested in them.
        assertEachVariantEndsLikeTheOriginal("zendesk", "comments.json", 8, this::publishedZendeskCommentOutcome);
    }

    /**
     * The provider's published answer, then each variant of it with an unknown field added to one of its objects (as
     * many variants as it has objects), go through the same path: every variant must end as the original does.
     */
    private static void assertEachVariantEndsLikeTheOriginal(String provider, String fixture, int objects,
                                                             UnaryOperator<String> outcome) {
        String expected = outcome.apply(ProviderFixtures.text(provider, fixture));
        List<String> variants = ProviderFixtures.withUnknownFieldAtEachLevel(ProviderFixtures.json(provider, fixture));
        assertThat(variants).hasSize(objects);
        for (String variant : variants) {
            assertThat(outcome.apply(variant)).as(variant).isEqualTo(expected);
        }
    }

    /** The recorded comment (with this test's ids) and its uploads on the fake Zendesk; the thumbnails are served too. */
    private void stubPublishedZendeskComment(String ticketId, String commentId, String comments) {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticketId + "/comments.json")).willReturn(json(comments
                .replace("21312957", commentId).replace("https://zendeskapi.zendesk-staging.com", zendesk.baseUrl()))));
        // Zendesk's two uploads were GIFs, which ClaimPilot does not take: a JPEG and a PNG stand in for them.
        zendesk.stubFor(get(urlPathEqualTo(ZENDESK_UPLOADS[0])).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/gif").withBody(PhotoFixtures.jpegWithGps())));
        zendesk.stubFor(get(urlPathEqualTo(ZENDESK_UPLOADS[1])).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/gif").withBody(PhotoFixtures.pngWithGps())));
        for (String thumbnail : ZENDESK_THUMBNAILS) {
            zendesk.stubFor(get(urlPathEqualTo(thumbnail)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "image/gif").withBody(PhotoFixtures.encode(PhotoFixtures.picture(24, 24), "jpg"))));
        }
    }

    /** A new claim and ticket, the signed comment event, the job: the outcome, with this run's ids taken out. */
    private String publishedZendeskCommentOutcome(String comments) {
        String ticket = ticketId();
        String id = damagedClaimWithTicket(ticket);
        String comment = ticketId();
        stubPublishedZendeskComment(ticket, comment, comments);
        zendeskWebhook(zendeskEvent(ticket, comment, "Indeed it is!", true, false), uniqueId("inv"), zendeskTimestamp(), null)
                .statusCode(202);
        processor.processDue();
        String status = as(AGENT).get("/api/claims/" + id).then().statusCode(200).extract().path("status");
        return (status + " " + zendeskOutcome(comment)).replace(comment, "<comment>").replace(id, "<claim>");
    }

    private String zendeskOutcome(String commentId) {
        List<String> outcomes = db.strings("select outcome from webhook_delivery where provider = 'zendesk'"
                + " and convert_from(body, 'UTF8') like ?1", "%" + commentId + "%");
        assertThat(outcomes).singleElement();
        return outcomes.get(0);
    }

    @Test
    void gorgiassPublishedMessagesAreReadAsListedInItsReferenceAndInTodaysDataEnvelope() {
        String published = ProviderFixtures.text("gorgias", "messages.json");
        // The reference publishes a bare array of messages; today's API wraps lists in {"data": [...], "meta": {...}}.
        for (String answer : List.of(published, "{\"data\": " + published + ", \"meta\": {\"next_cursor\": null, \"prev_cursor\": null}}")) {
            assertThat(publishedGorgiasMessageOutcome(answer)).as(answer).isEqualTo("AWAITING_EVIDENCE Reply <message> on claim"
                    + " <claim>: 0 photo(s), 0 tracking number(s) added; attachment 1 ignored: not an image (application/pdf)");
        }
    }

    @Test
    void gorgiassPublishedMessagesWithAnUnknownFieldAnywhereEndLikeTheOriginal() {
        // 10 objects in the message: itself, its attachment, headers, macro, meta, receiver, sender, source, from, to.
        assertEachVariantEndsLikeTheOriginal("gorgias", "messages.json", 10, this::publishedGorgiasMessageOutcome);
    }

    /** A new claim and ticket, Gorgias answering with these messages (this run's ids), the event, the job: the outcome. */
    private String publishedGorgiasMessageOutcome(String messages) {
        String ticket = ticketId();
        String id = damagedClaimWithTicket(ticket);
        String message = ticketId();
        gorgias.stubFor(get(urlPathEqualTo("/api/tickets/" + ticket + "/messages")).willReturn(json(messages
                .replaceAll("\"id\":\\s*4501\\b", "\"id\": " + message)
                .replaceAll("\"ticket_id\":\\s*12\\b", "\"ticket_id\": " + ticket))));
        gorgiasWebhook(gorgiasEvent(ticket, message), GORGIAS_TOKEN).statusCode(202);
        processor.processDue();
        String status = as(AGENT).get("/api/claims/" + id).then().statusCode(200).extract().path("status");
        List<String> outcomes = db.strings("select outcome from webhook_delivery where provider = 'gorgias'"
                + " and convert_from(body, 'UTF8') like ?1", "%" + ticket + "%");
        assertThat(outcomes).singleElement();
        return (status + " " + outcomes.get(0)).replace(message, "<message>").replace(id, "<claim>").replace(ticket, "<ticket>");
    }

    @Test
    void attachmentsThatAreNoImageTooLargeNotAPhotoOrOffTheHelpdesksHostsAreIgnoredWithTheirReason() {
        String ticket = ticketId();
        String id = damagedClaimWithTicket(ticket);
        String comment = ticketId();
        zendeskComments(ticket, comment, "Pièces jointes",
                attachment("1", "application/pdf", 1200, zendesk.baseUrl() + "/attachments/token/pdf/?name=facture.pdf"),
                attachment("2", "image/jpeg", 50_000_000, zendesk.baseUrl() + "/attachments/token/big/?name=big.jpg"),
                attachment("3", "image/jpeg", 20, zendesk.baseUrl() + "/attachments/token/fake/?name=fake.jpg"),
                attachment("4", "image/jpeg", 20, elsewhere.baseUrl() + "/latest/meta-data/?name=x.jpg"),
                attachment("5", "image/jpeg", 20, "http://169.254.169.254/latest/meta-data/"),
                attachment("6", "image/jpeg", 20, zendesk.baseUrl() + "/attachments/token/redirect/?name=r.jpg"),
                attachment("7", "image/jpeg", 20, zendesk.baseUrl() + "/attachments/token/huge/?name=huge.jpg"));
        // A redirect off the helpdesk's hosts is not followed; a file larger than it said is not read past the limit.
        zendesk.stubFor(get(urlPathEqualTo("/attachments/token/redirect/")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", elsewhere.baseUrl() + "/stolen.jpg")));
        zendesk.stubFor(get(urlPathEqualTo("/attachments/token/huge/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(new byte[10 * 1024 * 1024 + 1])));
        zendesk.stubFor(get(urlPathEqualTo("/attachments/token/fake/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody("this is a text file".getBytes(StandardCharsets.UTF_8))));

        zendeskWebhook(zendeskEvent(ticket, comment, "Pièces jointes", true, false), uniqueId("inv"), zendeskTimestamp(), null)
                .statusCode(202);
        processor.processDue();

        String outcome = db.strings("select outcome from webhook_delivery where provider = 'zendesk' and convert_from(body, 'UTF8') like ?1",
                "%" + comment + "%").get(0);
        assertThat(outcome).startsWith("Reply " + comment + " on claim " + id + ": 0 photo(s), 0 tracking number(s) added")
                .contains("attachment 1 ignored: not an image (application/pdf)")
                .contains("attachment 2 ignored: too large: 50000000 bytes")
                .contains("attachment 3 ignored: not a photo ClaimPilot accepts")
                .contains("attachment 4 ignored: its address is not on the helpdesk's own hosts")
                .contains("attachment 5 ignored: its address is not on the helpdesk's own hosts")
                .contains("attachment 6 ignored: its address is not on the helpdesk's own hosts")
                .contains("attachment 7 ignored: too large");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
        zendesk.verify(0, getRequestedFor(urlPathEqualTo("/attachments/token/pdf/")));
        zendesk.verify(0, getRequestedFor(urlPathEqualTo("/attachments/token/big/")));
        assertThat(db.count("select count(*) from evidence where claim_id = ?1", id)).isZero();
        as(AGENT).get("/api/claims/" + id).then().body("status", equalTo("AWAITING_EVIDENCE"));
    }

    @Test
    void aCommentWithoutAttachmentButWithATrackingNumberAddsItAndNotesOrUnknownTicketsAddNothing() {
        String ticket = ticketId();
        String id = damagedClaimWithTicket(ticket);
        String comment = ticketId();
        String text = "Bonjour, le colis LA123456785FR est arrivé cassé. Ma commande #1234567891.";
        zendeskComments(ticket, comment, text);
        zendeskWebhook(zendeskEvent(ticket, comment, text, true, false), uniqueId("inv"), zendeskTimestamp(), null).statusCode(202);
        // An agent's internal note in the same ticket, and a comment in a ticket no claim has, are not read.
        String note = ticketId();
        zendeskWebhook(zendeskEvent(ticket, note, "Suivi 1Z999AA10123456784", false, true), uniqueId("inv"), zendeskTimestamp(), null)
                .statusCode(202);
        String otherTicket = ticketId();
        String otherInvocation = uniqueId("inv");
        zendeskWebhook(zendeskEvent(otherTicket, ticketId(), "1Z999AA10123456784", true, false), otherInvocation, zendeskTimestamp(), null)
                .statusCode(202);
        processor.processDue();

        assertThat(db.strings("select type || ' ' || tracking_number || ' ' || added_by from evidence where claim_id = ?1", id))
                .containsExactly("TRACKING_NUMBER LA123456785FR zendesk");
        // Evaluated again, as evidence added by API is: the claim still waits for its photo.
        assertThat(db.strings("select actor || ': ' || reason from claim_audit where claim_id = ?1 and reason like 'Evidence added%'", id))
                .containsExactly("zendesk: Evidence added: TRACKING_NUMBER");
        assertThat(db.count("select count(*) from decision where claim_id = ?1", id)).isEqualTo(2);
        assertThat(db.strings("select status || ' ' || outcome from webhook_delivery where provider = 'zendesk' and delivery_id = ?1",
                otherInvocation)).containsExactly("DONE No claim for zendesk ticket " + otherTicket + ": nothing read");
        assertThat(db.count("select count(*) from webhook_delivery where provider = 'zendesk' and outcome = ?1",
                "Comment " + note + " is an internal note or an agent's: nothing read")).isEqualTo(1);
    }

    @Test
    void aCommentEventWithABadOrStaleSignatureIs401AndOneWithoutItsTicketIs400AndNothingIsStored() {
        String ticket = ticketId();
        String comment = ticketId();
        String body = zendeskEvent(ticket, comment, "photo", true, false);
        String invocation = uniqueId("inv");

        zendeskWebhook(body, invocation, zendeskTimestamp(), "not-the-secret").statusCode(401);
        String stale = clock.instant().minusSeconds(900).truncatedTo(ChronoUnit.SECONDS).toString();
        zendeskWebhook(body, invocation, stale, null).statusCode(401);
        zendeskWebhook(body.replace("\"id\": \"" + ticket + "\"", "\"id\": \"../../users/1\""), invocation, zendeskTimestamp(), null)
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("detail.id"));

        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?1", invocation)).isZero();
    }

    @Test
    void aCustomersGorgiasMessageWithAPhotoDecidesTheClaimAndAgentsMessagesAreNotRead() {
        String ticket = ticketId();
        String id = damagedClaimWithTicket(ticket);
        byte[] png = PhotoFixtures.pngWithGps();
        gorgias.stubFor(get(urlPathEqualTo("/api/tickets/" + ticket + "/messages")).willReturn(json("""
                {"data": [
                  {"id": 501, "ticket_id": %1$s, "channel": "email", "from_agent": true, "source": {"type": "email"},
                   "body_text": "Could you send a photo? Tracking 1Z999AA10123456784", "attachments": []},
                  {"id": 502, "ticket_id": %1$s, "channel": "internal-note", "from_agent": true,
                   "source": {"type": "internal-note"}, "body_text": "note", "attachments": []},
                  {"id": 503, "ticket_id": %1$s, "channel": "email", "from_agent": false, "source": {"type": "email"},
                   "body_text": "Here it is",
                   "attachments": [{"url": "%2$s/uploads/mug.png", "name": "mug.png", "size": %3$d, "content_type": "image/png"}]}
                ], "meta": {"next_cursor": null}}""".formatted(ticket, gorgias.baseUrl(), png.length))));
        gorgias.stubFor(get(urlPathEqualTo("/uploads/mug.png")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(png)));

        String body = gorgiasEvent(ticket, "503");
        gorgiasWebhook(body, GORGIAS_TOKEN).statusCode(202).body("status", equalTo("queued"));
        gorgiasWebhook(body, GORGIAS_TOKEN).statusCode(200).body("status", equalTo("duplicate"));
        // A later delivery without the message's id reads what was not read yet: nothing, here.
        gorgiasWebhook("""
                {"event": "ticket-message-created", "ticket_id": "%s", "message_id": "", "last_message_datetime": "2026-12-01T05:00:00"}"""
                .formatted(ticket), GORGIAS_TOKEN).statusCode(202);
        processor.processDue();

        as(AGENT).get("/api/claims/" + id).then().statusCode(200)
                .body("status", equalTo("RESHIP_APPROVED"))
                .body("evidence.size()", equalTo(1))
                .body("evidence[0].type", equalTo("PHOTO"));
        assertThat(db.strings("select added_by from evidence where claim_id = ?1", id)).containsExactly("gorgias");
        assertThat(db.strings("select outcome from webhook_delivery where provider = 'gorgias' and convert_from(body, 'UTF8') like ?1"
                + " order by id", "%" + ticket + "%"))
                .containsExactly("Reply 503 on claim " + id + ": 1 photo(s), 0 tracking number(s) added",
                        "No customer's message to read in gorgias ticket " + ticket);
        gorgias.verify(1, getRequestedFor(urlPathEqualTo("/uploads/mug.png")));
    }

    @Test
    void aGorgiasMessageEventWithoutTheTokenIs401AndWithoutAMessageIs400() {
        String ticket = ticketId();
        gorgiasWebhook(gorgiasEvent(ticket, "77"), "not-the-token").statusCode(401);
        gorgiasWebhook("{\"event\": \"ticket-message-created\", \"ticket_id\": \"" + ticket + "\"}", GORGIAS_TOKEN).statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("message_id"));
        assertThat(db.count("select count(*) from webhook_delivery where provider = 'gorgias' and convert_from(body, 'UTF8') like ?1",
                "%" + ticket + "%")).isZero();
    }

    @Test
    void erasingTheCustomerErasesTheRawBodiesOfTheirReplies() {
        String ticket = ticketId();
        String customer = uniqueId("cust");
        damagedClaimWithTicket(ticket, customer);
        String comment = ticketId();
        String text = "Zoé Kerhervé, 12 rue des Lilas: la photo arrive";
        zendeskComments(ticket, comment, text);
        String invocation = uniqueId("inv");
        zendeskWebhook(zendeskEvent(ticket, comment, text, true, false), invocation, zendeskTimestamp(), null).statusCode(202);
        processor.processDue();

        as(ADMIN).post("/api/customers/" + customer + "/erase").then().statusCode(200);

        assertThat(db.count("select count(*) from webhook_delivery where provider = 'zendesk' and delivery_id = ?1", invocation))
                .isEqualTo(1);
        assertThat(db.count("select count(*) from webhook_delivery where delivery_id = ?1"
                + " and convert_from(body, 'UTF8') like '%Kerhervé%'", invocation)).isZero();
    }

    private void zendeskComments(String ticketId, String commentId, String text, String... attachments) {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticketId + "/comments.json")).willReturn(json("""
                {"comments": [
                  {"id": %s, "type": "Comment", "author_id": 424242, "body": "%s", "plain_body": "%s", "public": true,
                   "attachments": [%s], "audit_id": 1},
                  {"id": 1, "type": "Comment", "author_id": 76872, "body": "Bonjour", "public": true, "attachments": []}
                ], "next_page": null, "count": 2}""".formatted(commentId, text, text, String.join(",", attachments)))));
    }

    private static String attachment(String id, String contentType, long size, String url) {
        return """
                {"id": %s, "file_name": "file", "content_url": "%s", "content_type": "%s", "size": %d, "thumbnails": []}"""
                .formatted(id, url, contentType, size);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** Zendesk's ticket.comment_added event, as its event webhooks send it. */
    private static String zendeskEvent(String ticketId, String commentId, String text, boolean isPublic, boolean byStaff) {
        return """
                {"type": "zen:event-type:ticket.comment_added", "account_id": 22129848, "id": "%s",
                 "subject": "zen:ticket:%s", "time": "2026-12-01T05:00:00Z", "zendesk_event_version": "2022-11-06",
                 "detail": {"id": "%s", "status": "OPEN", "requester_id": "424242"},
                 "event": {"comment": {"id": "%s", "body": "%s", "is_public": %s,
                  "author": {"id": "424242", "is_staff": %s, "name": "Alice"}}}}"""
                .formatted(UUID.randomUUID(), ticketId, ticketId, commentId, text, isPublic, byStaff);
    }

    /** The body docs/integrations.md tells the shop to put in its Gorgias HTTP integration. */
    private static String gorgiasEvent(String ticketId, String messageId) {
        return """
                {"event": "ticket-message-created", "ticket_id": "%s", "message_id": "%s",
                 "last_message_datetime": "2026-12-01T04:59:00.123456"}""".formatted(ticketId, messageId);
    }

    private String zendeskTimestamp() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static ValidatableResponse zendeskWebhook(String body, String invocationId, String timestamp, String otherSecret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignatures.zendeskSignature(bytes, timestamp, otherSecret == null ? ZENDESK_SECRET : otherSecret);
        return given().header("X-Zendesk-Webhook-Signature", signature).header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .header("X-Zendesk-Webhook-Invocation-Id", invocationId).contentType("application/json").body(bytes)
                .post("/webhooks/zendesk").then();
    }

    private static ValidatableResponse gorgiasWebhook(String body, String token) {
        return given().header("X-ClaimPilot-Webhook-Token", token).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/webhooks/gorgias").then();
    }

    private static String ticketId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
    }
}

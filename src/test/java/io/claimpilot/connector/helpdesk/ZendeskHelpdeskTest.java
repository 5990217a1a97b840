package io.claimpilot.connector.helpdesk;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.support.ProviderFixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Zendesk client against a fake Zendesk that answers with Zendesk's own request and response shapes. */
// A Quarkus test: the connectors' typed REST clients are built by the Quarkus REST Client.
@QuarkusTest
class ZendeskHelpdeskTest {

    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("support@shop.example/token:zd-test-token".getBytes(StandardCharsets.UTF_8));
    private static final Helpdesk.Requester ALICE = new Helpdesk.Requester("alice@example.com", "Alice Martin");
    private static final Helpdesk.Post REPLY = new Helpdesk.Post("cl_1", "Nous avons bien reçu votre demande",
            "Bonjour Alice,\n\nMerci pour votre message.", true, List.of("claimpilot", "acknowledgment", "damaged"));
    private static final Helpdesk.Post NOTE = new Helpdesk.Post("cl_1", "ClaimPilot: REFUND for claim cl_1",
            "ClaimPilot decided: REFUND 19.90 EUR", false, List.of("claimpilot", "refund", "damaged"));

    private WireMockServer zendesk;
    private ZendeskHelpdesk client;

    @BeforeEach
    void start() {
        zendesk = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        zendesk.start();
        client = zendesk(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        zendesk.stop();
    }

    private ZendeskHelpdesk zendesk(Duration timeout) {
        return new ZendeskHelpdesk("http://127.0.0.1:" + zendesk.port() + "/", "support@shop.example", "zd-test-token",
                timeout, Clock.systemUTC());
    }

    @Test
    void opensATicketForTheRequesterWithThePublicReplyAsItsFirstComment() {
        zendesk.stubFor(post("/api/v2/tickets.json").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-idempotency-lookup", "miss")
                .withBody("""
                        {"ticket":{"url":"https://shop.zendesk.com/api/v2/tickets/35436.json","id":35436,
                          "external_id":"cl_1","subject":"Nous avons bien reçu votre demande","status":"new",
                          "requester_id":20978392,"submitter_id":76872,"tags":["acknowledgment","claimpilot","damaged"]},
                         "audit":{"id":2127301143,"ticket_id":35436,"author_id":76872,"events":[
                          {"id":2127301163,"type":"Comment","author_id":76872,"body":"Bonjour Alice,","public":true,
                           "attachments":[],"audit_id":2127301143},
                          {"id":2127301183,"type":"Create","value":"new","field_name":"status"}]}}""")));

        Helpdesk.Posted posted = client.openTicket(ALICE, REPLY, "cl_1:NOTIFY_CUSTOMER:ACKNOWLEDGMENT");

        assertThat(posted.ticketId()).isEqualTo("35436");
        assertThat(posted.messageId()).isEqualTo("2127301163");
        zendesk.verify(postRequestedFor(urlEqualTo("/api/v2/tickets.json"))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("Idempotency-Key", equalTo("cl_1:NOTIFY_CUSTOMER:ACKNOWLEDGMENT"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"ticket":{"subject":"Nous avons bien reçu votre demande",
                          "comment":{"body":"Bonjour Alice,\\n\\nMerci pour votre message.","public":true},
                          "requester":{"email":"alice@example.com","name":"Alice Martin"},
                          "external_id":"cl_1","tags":["claimpilot","acknowledgment","damaged"]}}""")));
    }

    @Test
    void readsTheTicketAndItsFirstCommentFromZendesksRecordedAnswers() {
        // Two answers Zendesk really gave to POST /api/v2/tickets (the Ruby SDK's cassettes), the second with uploads.
        for (String[] recorded : new String[][] {{"ticket-created.json", "543/21313002"},
                {"ticket-created-with-uploads.json", "541/21312957"}}) {
            zendesk.stubFor(post("/api/v2/tickets.json").willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(ProviderFixtures.bytes("zendesk", recorded[0]))));

            assertThat(client.openTicket(ALICE, REPLY, "k").reference()).as(recorded[0]).isEqualTo(recorded[1]);
        }
    }

    @Test
    void addsAnInternalNoteToTheTicketThenItsTags() {
        zendesk.stubFor(put("/api/v2/tickets/35436.json").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"ticket":{"id":35436,"status":"open","tags":["acknowledgment","claimpilot","damaged"]},
                         "audit":{"id":2127301200,"ticket_id":35436,"events":[
                          {"id":2127301201,"type":"Comment","body":"ClaimPilot decided: REFUND 19.90 EUR","public":false}]}}""")));
        zendesk.stubFor(put("/api/v2/tickets/35436/tags.json").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"tags\":[\"acknowledgment\",\"claimpilot\",\"damaged\",\"refund\"]}")));

        Helpdesk.Posted posted = client.addToTicket("35436", ALICE, NOTE, "cl_1:HELPDESK_NOTE:7");

        assertThat(posted.reference()).isEqualTo("35436/2127301201");
        zendesk.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("Idempotency-Key", equalTo("cl_1:HELPDESK_NOTE:7"))
                .withRequestBody(equalToJson("""
                        {"ticket":{"comment":{"body":"ClaimPilot decided: REFUND 19.90 EUR","public":false}}}""")));
        zendesk.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/35436/tags.json"))
                .withRequestBody(equalToJson("{\"tags\":[\"claimpilot\",\"refund\",\"damaged\"]}")));
    }

    @Test
    void tooManyRequestsWaitsAsLongAsZendeskAsks() {
        zendesk.stubFor(put("/api/v2/tickets/35436.json").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "37").withHeader("Content-Type", "text/plain")
                .withBody("Rate limit for ticket updates exceeded, please wait before updating this ticket again")));

        ActionFailure failure = failureOf(() -> client.addToTicket("35436", ALICE, NOTE, "k"));

        assertThat(failure.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(37));
    }

    @Test
    void serverErrorsAndTimeoutsAreTriedAgain() {
        zendesk.stubFor(post("/api/v2/tickets.json").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"ServiceUnavailable\"}")));
        ActionFailure unavailable = failureOf(() -> client.openTicket(ALICE, REPLY, "k"));
        assertThat(unavailable.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
        assertThat(unavailable.retryAfter()).isNull();

        zendesk.stubFor(put("/api/v2/tickets/35436.json").willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody("{\"ticket\":{\"id\":35436}}")));
        ZendeskHelpdesk impatient = zendesk(Duration.ofMillis(300));
        ActionFailure timeout = failureOf(() -> impatient.addToTicket("35436", ALICE, NOTE, "k"));
        assertThat(timeout.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
        assertThat(timeout.getMessage()).contains("did not answer");
    }

    @Test
    void badCredentialsAndInvalidRecordsFailForGoodWithoutShowingTheToken() {
        zendesk.stubFor(post("/api/v2/tickets.json").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Couldn't authenticate you\"}")));
        ActionFailure unauthorized = failureOf(() -> client.openTicket(ALICE, REPLY, "k"));
        assertThat(unauthorized.kind()).isEqualTo(ActionFailure.Kind.PERMANENT);
        assertThat(unauthorized.getMessage()).contains("401").contains("Couldn't authenticate you").doesNotContain("zd-test-token");

        zendesk.stubFor(post("/api/v2/tickets.json").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"error":"RecordInvalid","description":"Record validation errors",
                         "details":{"requester":[{"description":"Requester: Email is invalid","error":"InvalidValue"}]}}""")));
        ActionFailure invalid = failureOf(() -> client.openTicket(ALICE, REPLY, "k"));
        assertThat(invalid.kind()).isEqualTo(ActionFailure.Kind.PERMANENT);
        assertThat(invalid.getMessage()).contains("422").contains("RecordInvalid");
    }

    static ActionFailure failureOf(Runnable call) {
        ActionFailure failure = catchThrowableOfType(ActionFailure.class, call::run);
        assertThat(failure).as("an ActionFailure").isNotNull();
        return failure;
    }
}

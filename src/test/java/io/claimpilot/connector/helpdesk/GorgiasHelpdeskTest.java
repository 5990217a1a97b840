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
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.claimpilot.connector.helpdesk.ZendeskHelpdeskTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The Gorgias client against a fake Gorgias that answers with Gorgias' own request and response shapes. */
// A Quarkus test: the connectors' typed REST clients are built by the Quarkus REST Client.
@QuarkusTest
class GorgiasHelpdeskTest {

    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("api@shop.example:gorgias-test-key".getBytes(StandardCharsets.UTF_8));
    private static final Helpdesk.Requester ALICE = new Helpdesk.Requester("alice@example.com", "Alice Martin");
    private static final Helpdesk.Post REPLY = new Helpdesk.Post("cl_1", "Your refund of €19.90 is on its way",
            "Hello Alice,\n\nGood news: <we> have refunded €19.90.", true, List.of("claimpilot", "refund_issued", "damaged"));
    private static final Helpdesk.Post NOTE = new Helpdesk.Post("cl_1", "ClaimPilot: REFUND for claim cl_1",
            "ClaimPilot decided: REFUND 19.90 EUR", false, List.of("claimpilot", "refund", "damaged"));

    private WireMockServer gorgias;
    private GorgiasHelpdesk client;

    @BeforeEach
    void start() {
        gorgias = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        gorgias.start();
        client = gorgias(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        gorgias.stop();
    }

    private GorgiasHelpdesk gorgias(Duration timeout) {
        return new GorgiasHelpdesk("http://127.0.0.1:" + gorgias.port(), "api@shop.example", "gorgias-test-key",
                "support@shop.example", timeout, Clock.systemUTC());
    }

    @Test
    void opensATicketWithAnEmailToTheCustomer() {
        gorgias.stubFor(post("/api/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":12345,"uri":"/api/tickets/12345/","external_id":"cl_1","channel":"email","via":"api",
                         "status":"open","subject":"Your refund of €19.90 is on its way",
                         "customer":{"id":42,"email":"alice@example.com","name":"Alice Martin"},
                         "messages":[{"id":98765,"uri":"/api/tickets/12345/messages/98765/","ticket_id":12345,
                           "channel":"email","via":"api","from_agent":true,"public":true}],
                         "tags":[{"id":1,"name":"claimpilot"},{"id":7,"name":"refund_issued"},{"id":9,"name":"damaged"}]}""")));

        Helpdesk.Posted posted = client.openTicket(ALICE, REPLY, "cl_1:NOTIFY_CUSTOMER:REFUND_ISSUED");

        assertThat(posted.reference()).isEqualTo("12345/98765");
        gorgias.verify(postRequestedFor(urlEqualTo("/api/tickets"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(equalToJson("""
                        {"customer":{"email":"alice@example.com","name":"Alice Martin"},"external_id":"cl_1",
                         "subject":"Your refund of €19.90 is on its way","channel":"email","via":"api","from_agent":true,
                         "tags":[{"name":"claimpilot"},{"name":"refund_issued"},{"name":"damaged"}],
                         "messages":[{"channel":"email","via":"api","from_agent":true,
                           "sender":{"email":"support@shop.example"},"receiver":{"email":"alice@example.com"},
                           "source":{"type":"email","from":{"address":"support@shop.example"},"to":[{"address":"alice@example.com"}]},
                           "subject":"Your refund of €19.90 is on its way",
                           "body_text":"Hello Alice,\\n\\nGood news: <we> have refunded €19.90.",
                           "body_html":"<p>Hello Alice,</p><p>Good news: &lt;we&gt; have refunded €19.90.</p>"}]}""")));
    }

    @Test
    void readsTheTicketAndItsFirstMessageFromGorgiassPublishedTicket() {
        gorgias.stubFor(post("/api/tickets").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(ProviderFixtures.bytes("gorgias", "ticket.json"))));

        assertThat(client.openTicket(ALICE, REPLY, "k").reference()).isEqualTo("12/4501");
    }

    @Test
    void addsAnInternalNoteThenTheTags() {
        gorgias.stubFor(post("/api/tickets/12345/messages").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":98766,"uri":"/api/tickets/12345/messages/98766/","ticket_id":12345,
                         "channel":"internal-note","via":"api","from_agent":true,"public":false,
                         "body_text":"ClaimPilot decided: REFUND 19.90 EUR"}""")));
        gorgias.stubFor(post("/api/tickets/12345/tags").willReturn(aResponse().withStatus(204)));

        Helpdesk.Posted posted = client.addToTicket("12345", ALICE, NOTE, "cl_1:HELPDESK_NOTE:7");

        assertThat(posted.reference()).isEqualTo("12345/98766");
        gorgias.verify(postRequestedFor(urlEqualTo("/api/tickets/12345/messages"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(equalToJson("""
                        {"channel":"internal-note","via":"api","from_agent":true,
                         "sender":{"email":"support@shop.example"},"source":{"type":"internal-note"},
                         "body_text":"ClaimPilot decided: REFUND 19.90 EUR",
                         "body_html":"<p>ClaimPilot decided: REFUND 19.90 EUR</p>"}""")));
        gorgias.verify(postRequestedFor(urlEqualTo("/api/tickets/12345/tags"))
                .withRequestBody(equalToJson("{\"names\":[\"claimpilot\",\"refund\",\"damaged\"]}")));
    }

    @Test
    void failuresAreSortedIntoWaitRetryAndGiveUp() {
        gorgias.stubFor(post("/api/tickets/1/messages").willReturn(aResponse().withStatus(429)
                .withHeader("Retry-after", "12").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"msg\":\"Too many requests\"}}")));
        ActionFailure limited = failureOf(() -> client.addToTicket("1", ALICE, NOTE, "k"));
        assertThat(limited.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(12));

        gorgias.stubFor(post("/api/tickets/2/messages").willReturn(aResponse().withStatus(502).withBody("Bad Gateway")));
        assertThat(failureOf(() -> client.addToTicket("2", ALICE, NOTE, "k")).kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);

        gorgias.stubFor(post("/api/tickets/3/messages").willReturn(aResponse().withStatus(201).withFixedDelay(3000)));
        GorgiasHelpdesk impatient = gorgias(Duration.ofMillis(300));
        ActionFailure timeout = failureOf(() -> impatient.addToTicket("3", ALICE, NOTE, "k"));
        assertThat(timeout.kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
        assertThat(timeout.getMessage()).contains("did not answer");

        gorgias.stubFor(post("/api/tickets/4/messages").willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"msg\":\"Forbidden\"}}")));
        ActionFailure forbidden = failureOf(() -> client.addToTicket("4", ALICE, NOTE, "k"));
        assertThat(forbidden.kind()).isEqualTo(ActionFailure.Kind.PERMANENT);
        assertThat(forbidden.getMessage()).doesNotContain("gorgias-test-key");

        gorgias.stubFor(post("/api/tickets").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"msg\":\"Validation error\",\"data\":{\"messages\":[\"Missing data for required field.\"]}}}")));
        assertThat(failureOf(() -> client.openTicket(ALICE, REPLY, "k")).kind()).isEqualTo(ActionFailure.Kind.PERMANENT);
    }
}

package io.claimpilot.connector.helpdesk;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A claim that names the customer's helpdesk ticket is answered in that ticket: ClaimPilot opens none of its own. */
@QuarkusTest
class HelpdeskTicketReuseTest {

    private static final Helpdesk.Requester ALICE = new Helpdesk.Requester("alice@example.com", "Alice Martin");

    @Inject
    HelpdeskTickets tickets;
    @Inject
    Db db;

    private WireMockServer fake;
    private Helpdesk before;

    @BeforeEach
    void start() {
        fake = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        fake.start();
        before = tickets.helpdesk();
    }

    @AfterEach
    void stop() {
        tickets.use(before);
        fake.stop();
    }

    private static String claimWithTicket(String ticketId) {
        Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "25.00").map();
        body.put("helpdeskTicketId", ticketId);
        return as(SHOP).body(body).post("/api/claims").then().statusCode(201)
                .body("helpdeskTicketId", equalTo(ticketId)).extract().path("id");
    }

    private static Helpdesk.Post reply(String claimId) {
        return new Helpdesk.Post(claimId, "Votre remboursement", "Bonjour Alice", true, List.of("claimpilot", "refund"));
    }

    private static Helpdesk.Post note(String claimId) {
        return new Helpdesk.Post(claimId, "ClaimPilot: REFUND", "ClaimPilot decided: REFUND", false, List.of("claimpilot"));
    }

    @Test
    void theReplyAndTheNoteGoIntoTheClaimsZendeskTicketAndNoTicketIsCreated() {
        String ticket = ticketId();
        String id = claimWithTicket(ticket);
        fake.stubFor(put(urlEqualTo("/api/v2/tickets/" + ticket + ".json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"ticket": {"id": %s}, "audit": {"events": [{"id": 77, "type": "Comment"}]}}""".formatted(ticket))));
        fake.stubFor(put(urlEqualTo("/api/v2/tickets/" + ticket + "/tags.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"tags\": [\"claimpilot\"]}")));
        tickets.use(new ZendeskHelpdesk(fake.baseUrl(), "support@shop.example", "zd-test-token", Duration.ofSeconds(5),
                Clock.systemUTC()));

        assertThat(tickets.post(ALICE, reply(id), id + ":reply").ticketId()).isEqualTo(ticket);
        assertThat(tickets.post(ALICE, note(id), id + ":note").ticketId()).isEqualTo(ticket);

        fake.verify(0, postRequestedFor(urlEqualTo("/api/v2/tickets.json")));
        fake.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/" + ticket + ".json"))
                .withRequestBody(matchingJsonPath("$.ticket.comment.public", com.github.tomakehurst.wiremock.client.WireMock.equalTo("true"))));
        fake.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/" + ticket + ".json"))
                .withRequestBody(matchingJsonPath("$.ticket.comment.public", com.github.tomakehurst.wiremock.client.WireMock.equalTo("false"))));
        assertThat(db.strings("select provider || ' ' || ticket_id from helpdesk_ticket where claim_id = ?1", id))
                .containsExactly("zendesk " + ticket);
    }

    @Test
    void theReplyAndTheNoteGoIntoTheClaimsGorgiasTicketAndNoTicketIsCreated() {
        String ticket = ticketId();
        String id = claimWithTicket(ticket);
        fake.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": 9876}")));
        tickets.use(new GorgiasHelpdesk(fake.baseUrl(), "api@shop.example", "gorgias-key", "support@shop.example",
                Duration.ofSeconds(5), Clock.systemUTC()));

        tickets.post(ALICE, reply(id), id + ":reply");
        tickets.post(ALICE, note(id), id + ":note");

        fake.verify(0, postRequestedFor(urlEqualTo("/api/tickets")));
        fake.verify(2, postRequestedFor(urlEqualTo("/api/tickets/" + ticket + "/messages")));
        assertThat(db.strings("select provider || ' ' || ticket_id from helpdesk_ticket where claim_id = ?1", id))
                .containsExactly("gorgias " + ticket);
    }

    @Test
    void aTicketIdThatCouldReachAnotherResourceIsRefusedNamingTheFieldAndNothingIsStored() {
        for (String bad : List.of("../users/1", "12 34", "x".repeat(101), "")) {
            Map<String, Object> body = claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "25.00").map();
            body.put("helpdeskTicketId", bad);
            as(SHOP).body(body).post("/api/claims").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("helpdeskTicketId"));
            assertThat(db.count("select count(*) from claim where external_id = ?1", body.get("externalId"))).isZero();
        }
    }

    private static String ticketId() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L);
    }
}

package io.claimpilot.message;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.claimpilot.connector.helpdesk.HelpdeskTickets;
import io.claimpilot.connector.helpdesk.SandboxHelpdesk;
import io.claimpilot.connector.helpdesk.ZendeskHelpdesk;
import io.claimpilot.decision.Decision;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionFailure;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import io.claimpilot.outbox.OutboxStatus;
import io.claimpilot.db.JsonColumnMapper;
import io.claimpilot.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.claimpilot.support.Api.ADMIN;
import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * The NOTIFY_CUSTOMER and HELPDESK_NOTE executors, called as the dispatcher calls them: the customer gets one public
 * reply per situation, agents an internal note explaining the decision, both in the claim's one ticket.
 */
@QuarkusTest
class CustomerMessagesTest {

    @Inject
    @Any
    Instance<ActionExecutor<?>> executors;
    @Inject
    HelpdeskTickets tickets;
    @Inject
    SandboxHelpdesk sandbox;

    @Test
    void theDispatcherFindsOneExecutorPerAction() {
        assertThat(executors.stream().filter(e -> e.action().equals("NOTIFY_CUSTOMER")).toList()).hasSize(1);
        assertThat(executors.stream().filter(e -> e.action().equals("HELPDESK_NOTE")).toList()).hasSize(1);
    }

    @Test
    void aRefundMessageIsSentOnceInTheCustomersLanguageAndListed() {
        String claimId = submit(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "89.90").customerName("Alice Martin")
                .item("MUG-01", 1, "89.90"));
        OutboxEntry entry = entry(claimId, "NOTIFY_CUSTOMER", "REFUND_ISSUED",
                Map.of("situation", "REFUND_ISSUED", "amount", Map.of("amount", "89.90", "currency", "EUR")));

        ActionResult first = executor("NOTIFY_CUSTOMER").execute(entry);
        ActionResult again = executor("NOTIFY_CUSTOMER").execute(entry);

        assertThat(first.outcome()).isEqualTo(ActionResult.Outcome.DONE);
        assertThat(first.providerReference()).startsWith("sbx_" + claimId + "/");
        assertThat(again.providerReference()).isEqualTo(first.providerReference());
        as(ADMIN).queryParam("connector", "helpdesk").queryParam("claimId", claimId).get("/api/sandbox/calls").then()
                .body("total", equalTo(1))
                .body("items[0].operation", equalTo("openTicket"))
                .body("items[0].request.public", equalTo(true))
                .body("items[0].request.tags", equalTo(List.of("claimpilot", "refund_issued", "order_cancelled_before_shipment")));
        as(SHOP).get("/api/claims/" + claimId + "/messages").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].situation", equalTo("REFUND_ISSUED"))
                .body("[0].locale", equalTo("fr"))
                .body("[0].channel", equalTo("sandbox"))
                .body("[0].subject", org.hamcrest.Matchers.matchesPattern("Votre remboursement de 89,90[\\u00a0\\u202f]€ est en route"))
                .body("[0].body", startsWith("Bonjour Alice,\n\nBonne nouvelle"))
                .body("[0].providerReference", equalTo(first.providerReference()));
        as(AGENT).get("/api/claims/" + claimId + "/messages").then().statusCode(200).body("", hasSize(1));
        as(ADMIN).get("/api/claims/" + claimId + "/messages").then().statusCode(200).body("", hasSize(1));
        as(AGENT).get("/api/claims/cl_unknown/messages").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void thePhotoRequestAndTheDecisionNoteGoToTheSameTicket() {
        Api.ClaimBody body = Api.claim("DAMAGED", "19.90").customerName("Bob Smith").fulfillment("DELIVERED")
                .item("VASE-02", 1, "19.90");
        customer(body).put("locale", "en-GB");
        String claimId = submit(body);
        Decision decision = QuarkusTransaction.requiringNew().call(() -> Decision.latestFor(claimId));
        assertThat(decision.deadline).isNotNull();

        executor("NOTIFY_CUSTOMER").execute(entry(claimId, "NOTIFY_CUSTOMER", "PHOTO_REQUESTED",
                Map.of("situation", "PHOTO_REQUESTED", "deadline", decision.deadline.toString())));
        ActionResult note = executor("HELPDESK_NOTE").execute(entry(claimId, "HELPDESK_NOTE", String.valueOf(decision.id),
                Map.of("decisionId", decision.id)));

        assertThat(note.providerReference()).startsWith("sbx_" + claimId + "/");
        assertThat(note.details()).containsEntry("ticketId", "sbx_" + claimId);
        String date = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.UK)
                .format(decision.deadline.atZone(java.time.ZoneOffset.UTC));
        as(AGENT).get("/api/claims/" + claimId + "/messages").then()
                .body("[0].locale", equalTo("en"))
                .body("[0].subject", equalTo("A photo to help us sort this out"))
                .body("[0].body", org.hamcrest.Matchers.containsString("ideally by " + date + "."));
        as(ADMIN).queryParam("connector", "helpdesk").queryParam("claimId", claimId).get("/api/sandbox/calls").then()
                .body("total", equalTo(2))
                .body("items[0].operation", equalTo("internalNote"))
                .body("items[0].request.ticketId", equalTo("sbx_" + claimId))
                .body("items[0].request.public", equalTo(false))
                .body("items[0].request.tags", equalTo(List.of("claimpilot", "request_evidence", "damaged")))
                .body("items[0].request.body", org.hamcrest.Matchers.allOf(
                        startsWith("ClaimPilot decided: REQUEST_EVIDENCE\nClaim " + claimId + ", order "),
                        org.hamcrest.Matchers.containsString("Rules fired: Damaged without a photo: ask for one"),
                        org.hamcrest.Matchers.containsString("Policy version: " + decision.policyVersion),
                        org.hamcrest.Matchers.containsString("Console: http://localhost:8080/console/claims/" + claimId)));
    }

    @Test
    void erasingTheCustomerErasesWhatTheyWereTold() {
        String customerId = Api.uniqueId("cust");
        String claimId = submit(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "12.00").customerId(customerId)
                .customerName("Dora Petit").item("MUG-01", 1, "12.00"));
        executor("NOTIFY_CUSTOMER").execute(entry(claimId, "NOTIFY_CUSTOMER", "ACKNOWLEDGMENT", Map.of("situation", "ACKNOWLEDGMENT")));
        as(AGENT).get("/api/claims/" + claimId + "/messages").then().body("[0].body", startsWith("Bonjour Dora,"));

        as(ADMIN).post("/api/customers/" + customerId + "/erase").then().statusCode(200);

        as(AGENT).get("/api/claims/" + claimId + "/messages").then()
                .body("[0].subject", equalTo("(erased)"))
                .body("[0].body", equalTo("(erased)"))
                .body("[0].situation", equalTo("ACKNOWLEDGMENT"));
        as(ADMIN).queryParam("connector", "helpdesk").queryParam("claimId", claimId).get("/api/sandbox/calls").then()
                .body("items[0].request.body", equalTo("(erased)"))
                .body("items[0].request.to", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void whatCannotWorkFailsForGoodAndRecordsNothing() {
        String claimId = submit(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").item("MUG-01", 1, "10.00"));
        assertThat(failure(executor("NOTIFY_CUSTOMER"), entry(claimId, "NOTIFY_CUSTOMER", "X", Map.of("situation", "THANKS"))).kind())
                .isEqualTo(ActionFailure.Kind.PERMANENT);
        assertThat(failure(executor("HELPDESK_NOTE"), entry(claimId, "HELPDESK_NOTE", "0", Map.of("decisionId", 0))).kind())
                .isEqualTo(ActionFailure.Kind.PERMANENT);
        String other = submit(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").item("MUG-01", 1, "10.00"));
        long othersDecision = QuarkusTransaction.requiringNew().call(() -> Decision.latestFor(other).id);
        assertThat(failure(executor("HELPDESK_NOTE"), entry(claimId, "HELPDESK_NOTE", "x", Map.of("decisionId", othersDecision))).kind())
                .isEqualTo(ActionFailure.Kind.PERMANENT);

        Api.ClaimBody noEmail = Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "10.00").item("MUG-01", 1, "10.00");
        customer(noEmail).remove("email");
        String silent = submit(noEmail);
        ActionFailure noAddress = failure(executor("NOTIFY_CUSTOMER"),
                entry(silent, "NOTIFY_CUSTOMER", "ACKNOWLEDGMENT", Map.of("situation", "ACKNOWLEDGMENT")));
        assertThat(noAddress.kind()).isEqualTo(ActionFailure.Kind.PERMANENT);
        assertThat(noAddress.getMessage()).contains("no customer e-mail");
        as(AGENT).get("/api/claims/" + claimId + "/messages").then().body("", hasSize(0));
    }

    @Test
    void withZendeskTheReplyOpensTheTicketTheNoteIsAddedToItAndARateLimitRecordsNothing() {
        WireMockServer zendesk = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        zendesk.start();
        try {
            tickets.use(new ZendeskHelpdesk("http://127.0.0.1:" + zendesk.port(), "support@shop.example", "zd-token",
                    Duration.ofSeconds(10), Clock.systemUTC()));
            String claimId = submit(Api.claim("ORDER_CANCELLED_BEFORE_SHIPMENT", "25.00").customerName("Chloé Durand")
                    .item("MUG-01", 1, "25.00"));
            long decisionId = QuarkusTransaction.requiringNew().call(() -> Decision.latestFor(claimId).id);
            OutboxEntry acknowledgment = entry(claimId, "NOTIFY_CUSTOMER", "ACKNOWLEDGMENT", Map.of("situation", "ACKNOWLEDGMENT"));

            zendesk.stubFor(post("/api/v2/tickets.json").willReturn(aResponse().withStatus(503).withBody("Maintenance")));
            assertThat(failure(executor("NOTIFY_CUSTOMER"), acknowledgment).kind()).isEqualTo(ActionFailure.Kind.RETRYABLE);
            assertThat(tickets.ticketOf(claimId)).isEmpty();
            zendesk.stubFor(post("/api/v2/tickets.json").willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ticket\":{\"id\":35436,\"status\":\"new\"},\"audit\":{\"id\":1,\"events\":[{\"id\":11,\"type\":\"Comment\",\"public\":true}]}}")));
            zendesk.stubFor(put("/api/v2/tickets/35436.json").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ticket\":{\"id\":35436},\"audit\":{\"id\":2,\"events\":[{\"id\":22,\"type\":\"Comment\",\"public\":false}]}}")));
            zendesk.stubFor(put("/api/v2/tickets/35436/tags.json").willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"tags\":[\"claimpilot\"]}")));

            ActionResult reply = executor("NOTIFY_CUSTOMER").execute(acknowledgment);
            ActionResult note = executor("HELPDESK_NOTE").execute(entry(claimId, "HELPDESK_NOTE", String.valueOf(decisionId),
                    Map.of("decisionId", decisionId)));

            assertThat(reply.providerReference()).isEqualTo("35436/11");
            assertThat(note.providerReference()).isEqualTo("35436/22");
            assertThat(tickets.ticketOf(claimId)).contains("35436");
            zendesk.verify(2, postRequestedFor(urlEqualTo("/api/v2/tickets.json"))
                    .withHeader("Idempotency-Key", WireMock.equalTo(claimId + ":NOTIFY_CUSTOMER:ACKNOWLEDGMENT"))
                    .withRequestBody(matchingJsonPath("$.ticket.comment.public", WireMock.equalTo("true")))
                    .withRequestBody(matchingJsonPath("$.ticket.comment.body", containing("Bonjour Chloé,")))
                    .withRequestBody(matchingJsonPath("$.ticket.requester.name", WireMock.equalTo("Chloé Durand"))));
            zendesk.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
                    .withRequestBody(matchingJsonPath("$.ticket.comment.public", WireMock.equalTo("false")))
                    .withRequestBody(matchingJsonPath("$.ticket.comment.body", containing("Rules fired: Cancelled before shipment"))));
            zendesk.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/35436/tags.json")));

            zendesk.stubFor(put(urlMatching("/api/v2/tickets/35436.json")).willReturn(aResponse().withStatus(429)
                    .withHeader("Retry-After", "30").withBody("Rate limit exceeded")));
            ActionFailure limited = failure(executor("NOTIFY_CUSTOMER"), entry(claimId, "NOTIFY_CUSTOMER", "REFUND_ISSUED",
                    Map.of("situation", "REFUND_ISSUED")));
            assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            as(AGENT).get("/api/claims/" + claimId + "/messages").then()
                    .body("situation", equalTo(List.of("ACKNOWLEDGMENT")))
                    .body("[0].channel", equalTo("zendesk"));
        } finally {
            tickets.use(sandbox);
            zendesk.stop();
        }
    }

    /** An executor as the dispatcher calls it: with the entry's payload read as the executor's record. */
    private interface Executor {
        ActionResult execute(OutboxEntry entry);
    }

    private Executor executor(String action) {
        ActionExecutor<?> executor = executors.stream().filter(e -> e.action().equals(action)).findFirst().orElseThrow();
        return entry -> execute(executor, entry);
    }

    private static <P> ActionResult execute(ActionExecutor<P> executor, OutboxEntry entry) {
        return executor.execute(entry, entry.payloadAs(executor.payloadType()));
    }

    private static ActionFailure failure(Executor executor, OutboxEntry entry) {
        ActionFailure failure = catchThrowableOfType(ActionFailure.class, () -> executor.execute(entry));
        assertThat(failure).as("an ActionFailure").isNotNull();
        return failure;
    }

    /** An outbox entry as the dispatcher hands it over, keyed as the dispatcher keys it. */
    private static OutboxEntry entry(String claimId, String action, String suffix, Map<String, Object> payload) {
        OutboxEntry entry = new OutboxEntry();
        entry.claimId = claimId;
        entry.action = action;
        entry.idempotencyKey = claimId + ":" + action + ":" + suffix;
        Map<String, Object> typed = new java.util.HashMap<>(payload);
        typed.putIfAbsent("claimId", claimId);
        entry.payload = JsonColumnMapper.MAPPER.valueToTree(typed);
        entry.status = OutboxStatus.PENDING;
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> customer(Api.ClaimBody body) {
        return (Map<String, Object>) body.map().get("customer");
    }

    private static String submit(Api.ClaimBody body) {
        return as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201).extract().path("id");
    }
}

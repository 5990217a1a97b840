package io.claimpilot.security;

import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static io.claimpilot.support.Api.AGENT;
import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.money;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Logs never carry e-mails, addresses, API keys or payment references in clear. */
@QuarkusTest
class LogRedactionTest {

    // --- The filter on its own ----------------------------------------------------------------------------------

    @Test
    void emailsAreMasked() {
        assertThat(RedactingLogFilter.redact("refund for Mallory.Smith+shop@mail.example.co.uk failed"))
                .isEqualTo("refund for [email] failed");
        assertThat(RedactingLogFilter.redact("a@b.io,c.d@e.fr")).doesNotContain("a@b.io").doesNotContain("c.d@e.fr");
    }

    @Test
    void bearerTokensAndApiKeysAreMasked() {
        assertThat(RedactingLogFilter.redact("Authorization: Bearer abc")).isEqualTo("Authorization: Bearer [key]");
        assertThat(RedactingLogFilter.redact("authorization: bearer s3cr3t-T0ken.x")).isEqualTo("authorization: bearer [key]");
        assertThat(RedactingLogFilter.redact("called with demo-shop-key")).isEqualTo("called with [key]");
        assertThat(RedactingLogFilter.redact("keys demo-admin-key and demo-agent-key")).isEqualTo("keys [key] and [key]");
        assertThat(RedactingLogFilter.redact("stripe " + "sk_live_" + "51HxyzABCdef rejected")).isEqualTo("stripe [key] rejected");
        assertThat(RedactingLogFilter.redact("stripe sk_test_4eC39HqLyjWDarjtT1zdp7dc")).isEqualTo("stripe [key]");
        assertThat(RedactingLogFilter.redact("shopify shpat_0123abcd")).isEqualTo("shopify [key]");
    }

    @Test
    void paymentReferencesAreMasked() {
        assertThat(RedactingLogFilter.redact("refund of pi_3NabcDEF123 queued")).isEqualTo("refund of [payment] queued");
        assertThat(RedactingLogFilter.redact("charge ch_3Nxyz987, refund re_1AbCdE")).isEqualTo("charge [payment], refund [payment]");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        for (String text : List.of(
                "Claim cl_0f3a9b2c4d5e6f708192a3b4c5d6e7f8 (DAMAGED, 30.00 EUR) decided RESHIP by policy 4f2a9c0d1e2b",
                "Policy 4f2a9c0d1e2b active: [claims.xlsx, guardrails.drl]",
                "Sent 3 claim(s) past their evidence deadline to review",
                "price 12.50 EUR at 2026-11-20T10:00:00Z, order order-42",
                "")) {
            assertThat(RedactingLogFilter.redact(text)).isEqualTo(text);
        }
        assertThat(RedactingLogFilter.redact(null)).isNull();
    }

    @Test
    void theFilterRewritesTheFormattedMessageOfARecordWithParameters() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "customer %s paid with %s using %s", ExtLogRecord.FormatStyle.PRINTF,
                LogRedactionTest.class.getName());
        record.setParameters(new Object[] {"eve@example.com", "pi_3NabcDEF123", "Bearer demo-shop-key"});
        assertThat(new RedactingLogFilter().isLoggable(record)).isTrue();
        assertThat(record.getFormattedMessage()).isEqualTo("customer [email] paid with [payment] using Bearer [key]");

        ExtLogRecord clean = new ExtLogRecord(Level.INFO, "claim %s decided", ExtLogRecord.FormatStyle.PRINTF, "test");
        clean.setParameters(new Object[] {"cl_1"});
        assertThat(new RedactingLogFilter().isLoggable(clean)).isTrue();
        assertThat(clean.getFormattedMessage()).isEqualTo("claim cl_1 decided");
    }

    // --- What the running service logs ------------------------------------------------------------------------------

    @Test
    void aClaimRequestLeavesNoPersonalDataOrSecretInTheLogs() {
        String t = token();
        String email = "victor." + t + "@mail.example.net";
        String name = "Victor Quillebeuf " + t;
        String line1 = "41 Boulevard Haussmann " + t;
        String postalCode = "QX" + ThreadLocalRandom.current().nextInt(100000, 999999);
        String city = "Ploërmel " + t;
        String paymentReference = "pi_3N" + t + "Zx91";
        String photo = "https://photos.shop.example/" + t + "/torn.jpg";

        Capture capture = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String id;
        try {
            var body = claim("DAMAGED", "80.00").customerName(name).email(email).shippingAddress(line1, postalCode, city, "FR")
                    .totalPaid("120.00").item(uniqueId("SKU"), 1, "80.00");
            @SuppressWarnings("unchecked")
            Map<String, Object> order = (Map<String, Object>) body.map().get("order");
            order.put("paymentReference", paymentReference);
            id = as(SHOP).body(body.map()).post("/api/claims").then().statusCode(201)
                    .body("status", equalTo("AWAITING_EVIDENCE"))
                    .body("order.paymentReference", equalTo(paymentReference))
                    .extract().path("id");
            as(SHOP).body(Map.of("type", "PHOTO", "url", photo)).post("/api/claims/" + id + "/evidence").then().statusCode(200)
                    .body("status", equalTo("IN_REVIEW"));
            as(AGENT).body(Map.of("action", "REFUND", "amount", money("60.00"), "note", "Partial refund agreed on the phone"))
                    .post("/api/reviews/" + id + "/resolve").then().statusCode(200)
                    .body("status", equalTo("REFUND_APPROVED"));
            // A shop calling with a wrong key, and a request the API refuses, are logged no better.
            as("sk_live_" + t).get("/api/claims/" + id).then().statusCode(401);
            as(SHOP).body(Map.of("type", "PHOTO", "url", "not a url " + email)).post("/api/claims/" + id + "/evidence")
                    .then().statusCode(400);
        } finally {
            root.removeHandler(capture);
        }

        List<String> messages = capture.messages();
        assertThat(messages)
                .as("the service logged the claim's decision, so the check below is not vacuous")
                .anySatisfy(message -> assertThat(message).contains(id).contains("decided"));
        assertThat(capture.records.stream().filter(r -> "io.claimpilot.flow.ClaimDecider".equals(r.getLoggerName())))
                .isNotEmpty();
        for (String secret : List.of(email, name, line1, postalCode, city, paymentReference, photo, t,
                SHOP, AGENT, "Bearer " + SHOP, "sk_live_")) {
            assertThat(messages).as("log messages containing %s", secret)
                    .noneSatisfy(message -> assertThat(message).containsIgnoringCase(secret));
        }
    }

    @Test
    void aMessageLoggedWithAnEmailOrKeyIsRedactedOnTheWayOut() {
        Capture capture = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String t = token();
        try {
            org.jboss.logging.Logger.getLogger("io.claimpilot.test.redaction")
                    .infof("careless %s: customer %s, key demo-admin-key, card %s", t, "eve." + t + "@example.com", "pi_3N" + t);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(capture.messages()).filteredOn(message -> message.contains("careless " + t))
                .singleElement()
                .isEqualTo("careless " + t + ": customer [email], key [key], card [payment]");
    }

    @Test
    void anExceptionsMessageCausesAndSuppressedExceptionsAreRedactedInTheLogFile() throws Exception {
        String t = token();
        IllegalStateException failure = new IllegalStateException("refund for eve." + t + "@example.com failed",
                new RuntimeException("provider said: key sk_live_" + t + " rejected for pi_3N" + t));
        failure.addSuppressed(new IllegalArgumentException("Authorization: Bearer " + t + "-token"));
        Capture capture = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            org.jboss.logging.Logger.getLogger("io.claimpilot.test.redaction").error("exception test " + t, failure);
        } finally {
            root.removeHandler(capture);
        }

        assertThat(capture.records).filteredOn(r -> String.valueOf(r.getMessage()).contains("exception test " + t)).singleElement()
                .satisfies(record -> assertThat(record.getThrown().toString()).isEqualTo(
                        "java.lang.IllegalStateException: refund for [email] failed"))
                .satisfies(record -> assertThat(record.getThrown().getCause().toString()).isEqualTo(
                        "java.lang.RuntimeException: provider said: key [key] rejected for [payment]"));

        String logged = awaitInLogFile("exception test " + t);
        assertThat(logged).contains("java.lang.IllegalStateException: refund for [email] failed")
                .contains("Caused by: java.lang.RuntimeException: provider said: key [key] rejected for [payment]")
                .contains("Suppressed: java.lang.IllegalArgumentException: Authorization: Bearer [key]")
                .as("the stack frames stay").contains("at io.claimpilot.security.LogRedactionTest.");
        for (String secret : List.of("eve." + t, "sk_live_" + t, "pi_3N" + t, t + "-token")) {
            assertThat(logged).doesNotContain(secret);
        }
    }

    @Test
    void everyLogHandlerOfTheServiceRedacts() {
        List<Handler> handlers = new ArrayList<>();
        collectLeafHandlers(Logger.getLogger("").getHandlers(), handlers);
        assertThat(handlers.stream().map(handler -> handler.getClass().getSimpleName()))
                .as("the console and the file handler (enabled in tests) are both attached")
                .contains("ConsoleHandler").anyMatch(name -> name.contains("FileHandler"));
        for (Handler handler : handlers) {
            ExtLogRecord record = new ExtLogRecord(Level.WARNING, "customer %s", ExtLogRecord.FormatStyle.PRINTF, "test");
            record.setParameters(new Object[] {"mallory@example.com"});
            record.setThrown(new IllegalStateException("mallory@example.com"));
            assertThat(handler.getFilter()).as("filter of %s", handler).isNotNull();
            handler.getFilter().isLoggable(record);
            assertThat(record.getFormattedMessage()).as("message through %s", handler).isEqualTo("customer [email]");
            assertThat(record.getThrown().getMessage()).as("exception through %s", handler).isEqualTo("[email]");
        }
    }

    @Test
    void syslogAndSocketHandlersAreConfiguredWithTheSameFilter() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        for (String handler : List.of("console", "file", "syslog", "socket")) {
            assertThat(config.getValue("quarkus.log." + handler + ".filter", String.class)).as(handler).isEqualTo("redact");
        }
    }

    private static void collectLeafHandlers(Handler[] handlers, List<Handler> leaves) {
        for (Handler handler : handlers) {
            if (handler instanceof org.jboss.logmanager.ExtHandler ext && ext.getHandlers().length > 0) {
                collectLeafHandlers(ext.getHandlers(), leaves);
            } else if (handler.getClass().getName().startsWith("org.jboss.logmanager.handlers.")) {
                // The handlers that write somewhere: console, file (and its rotating kinds), syslog, socket.
                leaves.add(handler);
            }
        }
    }

    private static String awaitInLogFile(String marker) throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.log.file.path", String.class));
        for (int i = 0; i < 50; i++) {
            if (java.nio.file.Files.exists(file)) {
                String content = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
                int start = content.indexOf(marker);
                if (start >= 0) {
                    return content.substring(start);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(marker + " never reached " + file);
    }

    // --- Helpers ---------------------------------------------------------------------------------------------------

    /** Every record the root logger hands out while attached, as its handlers see it. */
    static final class Capture extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        Capture() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        List<String> messages() {
            SimpleFormatter formatter = new SimpleFormatter();
            List<String> messages = new ArrayList<>();
            for (LogRecord record : records) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(record);
                messages.add(String.valueOf(message) + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
            return messages;
        }
    }

    private static String token() {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString();
    }
}

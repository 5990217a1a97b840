package io.claimpilot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.support.PackagedApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process, the way a user does,
 * on an embedded PostgreSQL in a temporary folder and on a free loopback port.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedAppIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Shared by the restart test and the production test that follows it. */
    @TempDir
    static Path sharedDir;

    @TempDir
    Path testDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<App> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        for (App app : started) {
            app.kill();
        }
        started.clear();
    }

    @Test
    @Order(1)
    void aClaimSurvivesARestartOnTheSameDataFolder() throws Exception {
        Path data = sharedDir.resolve("postgres");

        App first = start(data, "demo", projectRoot().resolve("rules"), "first-run");
        first.awaitReady();
        HttpResponse<String> created = first.post("/api/claims", "demo-shop-key", cancelledOrderClaim("it-restart-1"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode claim = JSON.readTree(created.body());
        String id = claim.path("id").asText();
        assertThat(id).isNotBlank();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/claims/" + id));
        assertThat(claim.path("status").asText()).isEqualTo("REFUND_APPROVED");
        assertThat(claim.at("/decision/action").asText()).isEqualTo("REFUND");

        JsonNode beforeStop = first.getJson("/api/claims/" + id, "demo-agent-key");
        first.stopGracefully();
        assertThat(data.resolve("postmaster.pid")).as("PostgreSQL stopped with the service").doesNotExist();

        App second = start(data, "demo", projectRoot().resolve("rules"), "second-run");
        second.awaitReady();
        JsonNode afterRestart = second.getJson("/api/claims/" + id, "demo-agent-key");

        assertThat(afterRestart.path("id").asText()).isEqualTo(id);
        assertThat(afterRestart.path("status").asText()).isEqualTo("REFUND_APPROVED");
        assertThat(afterRestart.path("status")).isEqualTo(beforeStop.path("status"));
        assertThat(afterRestart.path("decision")).isEqualTo(beforeStop.path("decision"));
        assertThat(afterRestart.path("audit")).isEqualTo(beforeStop.path("audit"));
        // The decision read back after the restart is the one the POST returned.
        JsonNode decision = afterRestart.path("decision");
        assertThat(decision.path("action").asText()).isEqualTo(claim.at("/decision/action").asText());
        assertThat(decision.path("policyVersion")).isEqualTo(claim.at("/decision/policyVersion"));
        assertThat(decision.path("rulesFired")).isEqualTo(claim.at("/decision/rulesFired"));
        assertThat(new BigDecimal(decision.at("/amount/amount").asText()))
                .isEqualByComparingTo(new BigDecimal(claim.at("/decision/amount/amount").asText()));
        assertThat(decision.at("/amount/currency").asText()).isEqualTo("EUR");

        // The same externalId after the restart is still recognised: 200 with the same claim.
        HttpResponse<String> again = second.post("/api/claims", "demo-shop-key", cancelledOrderClaim("it-restart-1"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("id").asText()).isEqualTo(id);

        second.stopGracefully();
        assertThat(data.resolve("postmaster.pid")).as("PostgreSQL stopped with the service").doesNotExist();
    }

    @Test
    @Order(2)
    void productionRefusesToStartWhileDemoKeysAreActive() throws Exception {
        Path data = sharedDir.resolve("postgres");
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            // Run on its own: seed the demo keys first, as the restart test does.
            App demo = start(data, "demo", projectRoot().resolve("rules"), "seed-demo-keys");
            demo.awaitReady();
            demo.stopGracefully();
        }

        App prod = start(data, null, projectRoot().resolve("rules"), "prod-run");
        int exit = prod.awaitExit();

        String output = prod.output();
        assertThat(exit).as(output).isNotZero();
        assertThat(output).containsIgnoringCase("demo API keys are active");
        assertThat(prod.isListening()).isFalse();
        assertThat(data.resolve("postmaster.pid")).as("PostgreSQL stopped with the refused start").doesNotExist();
    }

    @Test
    @Order(3)
    void productionRefusesToStartWithoutAPseudonymKey() throws Exception {
        App prod = start(testDir.resolve("postgres"), null, projectRoot().resolve("rules"), "prod-without-pseudonym-key",
                Map.of());
        int exit = prod.awaitExit();

        String output = prod.output();
        assertThat(exit).as(output).isNotZero();
        assertThat(output).contains("The pseudonym key is not set").contains("CLAIMPILOT_PRIVACY_PSEUDONYM_KEY");
        assertThat(prod.isListening()).isFalse();
    }

    @Test
    @Order(3)
    void brokenRulesStopTheStartAndNameTheFileAndLine() throws Exception {
        Path rules = testDir.resolve("rules");
        copyTopLevelFiles(projectRoot().resolve("rules"), rules);
        Files.writeString(rules.resolve("guardrails.drl"),
                "\nrule \"Broken on purpose\"\nwhen\n    ClaimFacts( customerClaimsLast30Days > )\nthen\nend\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Path data = testDir.resolve("postgres");

        App app = start(data, "demo", rules, "broken-rules");
        int exit = app.awaitExit();

        String output = app.output();
        assertThat(exit).as(output).isNotZero();
        assertThat(output).containsPattern("guardrails\\.drl, line \\d+");
        assertThat(app.isListening()).isFalse();
        assertThat(data.resolve("postmaster.pid")).as("PostgreSQL stopped with the refused start").doesNotExist();
    }

    @Test
    @Order(4)
    void theOfflineValidateCommandChecksAFolderWithoutStartingAnything() throws Exception {
        Command valid = validate(projectRoot().resolve("rules"));
        assertThat(valid.exit()).as(valid.output()).isZero();
        assertThat(valid.output()).contains("VALID policy").contains("31/31 scenarios pass");

        Path rules = testDir.resolve("rules-to-validate");
        copyTopLevelFiles(projectRoot().resolve("rules"), rules);
        Files.writeString(rules.resolve("guardrails.drl"), Files.readString(rules.resolve("guardrails.drl"))
                .replace("customerClaimsLast30Days > 3", "customerClaimsLast30Days > three"));
        Command invalid = validate(rules);
        assertThat(invalid.exit()).as(invalid.output()).isEqualTo(1);
        assertThat(invalid.output()).contains("INVALID policy").containsPattern("ERROR guardrails\\.drl, line \\d+");
        assertThat(invalid.output()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private record Command(int exit, String output) {
    }

    /**
     * A demo start, a sign-in and a refused webhook, then a restart: the output holds none of the configured secrets,
     * nor the console's session key, which is made once in an owner-only file and reused.
     */
    @Test
    @Order(5)
    void noSecretNorTheSessionKeyReachesTheOutput() throws Exception {
        java.util.Map<String, String> secrets = java.util.Map.of(
                "CLAIMPILOT_SHOPIFY_WEBHOOK_SECRET", "it-shopify-webhook-secret-3f9a1c",
                "CLAIMPILOT_STRIPE_WEBHOOK_SECRET", "whsec_it_stripe_secret_8b2d4e",
                "CLAIMPILOT_SHIPSTATION_WEBHOOK_TOKEN", "it-shipstation-token-5c7e9a",
                "CLAIMPILOT_WMS_WEBHOOK_SECRET", "it-wms-webhook-secret-1d3f5b",
                "CLAIMPILOT_STRIPE_API_KEY", "sk_test_it_stripe_key_7a9c1e",
                "CLAIMPILOT_SHOPIFY_ACCESS_TOKEN", "shpat_it_shopify_token_2e4a6c",
                "CLAIMPILOT_PRIVACY_PSEUDONYM_SALT", "it-pseudonym-salt-9f1b3d");
        Path data = testDir.resolve("postgres");
        Path keyFile = sessionKeyFile(data);

        App first = start(data, "demo", projectRoot().resolve("rules"), "secrets-first", secrets);
        first.awaitReady();
        HttpResponse<Void> signIn = http.send(HttpRequest.newBuilder(first.uri("/j_security_check"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("j_username=admin&j_password=admin-demo-pass")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(signIn.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("claimpilot-session="));
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(first.uri("/webhooks/stripe"))
                .header("Stripe-Signature", "t=1,v1=00").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        first.stopGracefully();

        assertThat(keyFile).isRegularFile();
        assertThat(java.nio.file.Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String key = Files.readString(keyFile).strip();
        assertThat(key).hasSizeGreaterThanOrEqualTo(32);

        App second = start(data, "demo", projectRoot().resolve("rules"), "secrets-second", secrets);
        second.awaitReady();
        second.stopGracefully();
        assertThat(Files.readString(keyFile).strip()).as("the key is reused at the next start").isEqualTo(key);

        for (String output : List.of(first.output(), second.output())) {
            assertThat(output).contains("Installed features").doesNotContain("Encryption key was not specified")
                    .doesNotContain(key);
            secrets.values().forEach(secret -> assertThat(output).doesNotContain(secret));
        }
    }

    private Command validate(Path folder) throws Exception {
        Path jar = Path.of(System.getProperty("claimpilot.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        Path log = testDir.resolve("validate-" + folder.getFileName() + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "validate", folder.toAbsolutePath().toString())
                .directory(projectRoot().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Command(process.exitValue(), Files.readString(log));
    }

    // ------------------------------------------------------------------------------------------------------

    /** A production pseudonym key for this test's runs, given as production gives it: in the environment. */
    private static final Map<String, String> PRODUCTION_ENVIRONMENT =
            Map.of("CLAIMPILOT_PRIVACY_PSEUDONYM_KEY", "packaged-app-it-only-pseudonym-key-0123456789abcdef");

    private App start(Path dataDir, String profile, Path rulesDir, String name) throws IOException {
        return start(dataDir, profile, rulesDir, name, PRODUCTION_ENVIRONMENT);
    }

    private App start(Path dataDir, String profile, Path rulesDir, String name, Map<String, String> environment)
            throws IOException {
        Path jar = Path.of(System.getProperty("claimpilot.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged service; run through './mvnw verify'").isRegularFile();
        // Chosen together, so they differ (the embedded PostgreSQL once took a port picked for the service).
        int[] ports = PackagedApp.freeLoopbackPorts(3);
        int port = ports[0];
        Path log = testDir.resolve(name + ".log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        if (profile != null) {
            command.add("-Dquarkus.profile=" + profile);
        }
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        int managementPort = ports[1];
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        // The demo's session key file beside its database, not in the project's own data/ folder.
        command.add("-Dclaimpilot.session-key-file=" + sessionKeyFile(dataDir));
        command.add("-Dquarkus.log.console.color=false");
        // No scheduled jobs: the dispatcher would move the claim on between the reads these tests compare.
        command.add("-Dquarkus.scheduler.enabled=false");
        command.add("-Dclaimpilot.embedded-postgres.data-dir=" + dataDir.toAbsolutePath());
        command.add("-Dclaimpilot.embedded-postgres.port=" + ports[2]);
        command.add("-Dclaimpilot.rules.directory=" + rulesDir.toAbsolutePath());
        command.add("-jar");
        command.add(jar.toString());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(projectRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Nothing from the caller's environment may point the child at another database or profile.
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("CLAIMPILOT_"));
        builder.environment().putAll(environment);
        App app = new App(builder.start(), port, managementPort, log, dataDir);
        started.add(app);
        return app;
    }

    private static Path sessionKeyFile(Path dataDir) {
        return dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + "-session-encryption.key");
    }

    private static Path projectRoot() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }

    private static void copyTopLevelFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
    }

    private static String cancelledOrderClaim(String externalId) {
        return """
                {"externalId":"%s","orderId":"9001","reason":"ORDER_CANCELLED_BEFORE_SHIPMENT",
                 "customer":{"id":"c-it-1","email":"it@example.com","locale":"en"},
                 "amount":{"amount":"89.90","currency":"EUR"},
                 "items":[{"sku":"MUG-01","quantity":1,"unitPrice":{"amount":"89.90","currency":"EUR"}}],
                 "order":{"fulfillment":"UNFULFILLED","totalPaid":{"amount":"89.90","currency":"EUR"},
                          "paymentReference":"pi_it_1","placedAt":"2026-11-20T10:00:00Z"},
                 "evidence":[]}
                """.formatted(externalId);
    }

    /** One child JVM running the packaged service, with its output in a file. */
    private final class App {

        private final Process process;
        private final int port;
        /** Health, metrics and OpenAPI: the management interface, on a port of its own. */
        private final int managementPort;
        private final Path log;
        private final Path dataDir;

        App(Process process, int port, int managementPort, Path log, Path dataDir) {
            this.process = process;
            this.port = port;
            this.managementPort = managementPort;
            this.log = log;
            this.dataDir = dataDir;
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        URI managementUri(String path) {
            return URI.create("http://127.0.0.1:" + managementPort + path);
        }

        void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("The service exited with " + process.exitValue() + " before it was ready:\n" + output());
                }
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(managementUri("/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("The service was not ready within " + START_TIMEOUT + ":\n" + output());
        }

        boolean isListening() {
            try {
                http.send(HttpRequest.newBuilder(managementUri("/q/health/ready")).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        HttpResponse<String> post(String path, String apiKey, String body) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode getJson(String path, String apiKey) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        /** SIGTERM, as a service manager stops it: the shutdown hooks stop Quarkus and then PostgreSQL. */
        void stopGracefully() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("The service did not stop within " + STOP_TIMEOUT + " of SIGTERM:\n" + output());
            }
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("The service was expected to refuse to start, but still runs after "
                        + START_TIMEOUT + ":\n" + output());
            }
            return process.exitValue();
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Kills the service and anything it started, including a PostgreSQL orphaned by a forced kill. */
        void kill() {
            List<ProcessHandle> children = process.toHandle().descendants().toList();
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            children.forEach(PackagedAppIT::stop);
            postmasterPid(dataDir).flatMap(ProcessHandle::of)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(PackagedAppIT::stop);
        }
    }

    /** The first line of {@code postmaster.pid}: the process id of the server running on that data folder. */
    private static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::parseLong);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM first so PostgreSQL can clean up; SIGKILL if it does not go within ten seconds. */
    private static void stop(ProcessHandle process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}

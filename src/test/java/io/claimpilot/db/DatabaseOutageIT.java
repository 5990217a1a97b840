package io.claimpilot.db;

import io.claimpilot.support.PackagedApp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.claimpilot.support.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.claimpilot.db.EmbeddedDatabaseCrashIT.cancelledClaim;
import static io.claimpilot.db.EmbeddedDatabaseCrashIT.logs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped for {@link #OUTAGE} while four clients post claims, then started again on the same folder and
 * port. Meanwhile every request is answered, within {@link #MAX_ANSWER_TIME}, with 201 or with a 503 problem+json
 * carrying Retry-After (never a 500, never a hang); readiness is DOWN; afterwards the same process recovers by itself.
 */
class DatabaseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration MAX_ANSWER_TIME = Duration.ofSeconds(10);
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @RegisterExtension
    final Resources resources = new Resources();
    /** The database of the moment: stopped and started again by the test. */
    private final EmbeddedPostgres[] current = new EmbeddedPostgres[1];
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Answer(long startedNanos, long tookMillis, int status, String contentType, String retryAfter, String body) {
    }

    @Test
    void whileTheDatabaseIsDownRequestsGet503WithRetryAfterAndTheServiceRecoversWithoutARestart() throws Exception {
        Path data = dir.resolve("pg");
        int port = PackagedApp.freeLoopbackPorts(1)[0];
        // The library itself, not EmbeddedDatabase: its start prepares roles, which is not what a restart does.
        current[0] = postgres(data, port);
        resources.track(() -> current[0].close());
        String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        PackagedApp app = resources.track(PackagedApp.start("database-outage", logs(), jdbcUrl, Map.of(), Map.of()));
        app.awaitReady();

        String run = UUID.randomUUID().toString().substring(0, 8);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.submit(() -> {
                for (int n = 0; posting.get(); n++) {
                    long started = System.nanoTime();
                    Answer answer;
                    try {
                        HttpResponse<String> response = app.post("/api/claims", "demo-shop-key",
                                cancelledClaim("outage-" + run + "-" + client + "-" + n));
                        answer = new Answer(started, (System.nanoTime() - started) / 1_000_000, response.statusCode(),
                                response.headers().firstValue("Content-Type").orElse(""),
                                response.headers().firstValue("Retry-After").orElse(null), response.body());
                    } catch (IOException noAnswer) {
                        // A timeout (the client waits 30 s) or a cut connection: no HTTP status at all.
                        answer = new Answer(started, (System.nanoTime() - started) / 1_000_000, -1, "", null, noAnswer.toString());
                    }
                    answers.add(answer);
                    if (answer.status() != 201) {
                        Thread.sleep(100); // a client backing off a little, as Retry-After asks
                    }
                }
                return null;
            });
        }
        awaitAnswers(answers, Long.MIN_VALUE, 201, 20, Duration.ofSeconds(60));

        current[0].close();
        long outageStarted = System.nanoTime();
        awaitReadiness(app, 503, Duration.ofSeconds(10));
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - outageStarted) / 1_000_000));
        assertThat(readiness(app)).as("readiness at the end of the outage").isEqualTo(503);
        current[0] = postgres(data, port);
        long outageEnded = System.nanoTime();

        awaitReadiness(app, 200, Duration.ofSeconds(30));
        awaitAnswers(answers, outageEnded, 201, 20, Duration.ofSeconds(30));
        posting.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(40, TimeUnit.SECONDS)).isTrue();

        List<Answer> all = new ArrayList<>(answers);
        assertThat(all).as("answers other than 201 and 503").allSatisfy(a ->
                assertThat(a.status()).as(a.body()).isIn(201, 503));
        List<Answer> unavailable = all.stream().filter(a -> a.status() == 503).toList();
        assertThat(unavailable).as("requests refused during the outage").isNotEmpty();
        assertThat(unavailable).allSatisfy(a -> {
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.retryAfter()).as("Retry-After").isNotNull().matches("[0-9]+");
            assertThat(a.body()).contains("\"status\":503").doesNotContain("Exception").doesNotContain("jdbc");
        });
        assertThat(unavailable).as("503s all during the outage")
                .allSatisfy(a -> assertThat(a.startedNanos()).isLessThan(outageEnded + Duration.ofSeconds(30).toNanos()));
        assertThat(all.stream().mapToLong(Answer::tookMillis).max().orElseThrow()).as("slowest answer, ms")
                .isLessThanOrEqualTo(MAX_ANSWER_TIME.toMillis());
        assertThat(all.stream().filter(a -> a.startedNanos() > outageEnded && a.status() == 201).count())
                .as("claims created after the database came back, by the same process").isGreaterThanOrEqualTo(20);
        assertThat(app.isAlive()).isTrue();
    }

    /** Waits for {@code atLeast} answers {@code status} to requests started after {@code since} (System.nanoTime). */
    private static void awaitAnswers(ConcurrentLinkedQueue<Answer> answers, long since, int status, int atLeast,
                                     Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answers.stream().filter(a -> a.startedNanos() > since && a.status() == status).count() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Fewer than " + atLeast + " answers " + status + " within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private void awaitReadiness(PackagedApp app, int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while ((last = readiness(app)) != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/q/health/ready answered " + last + ", not " + status + ", within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private int readiness(PackagedApp app) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(app.managementUri("/q/health/ready")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** PostgreSQL on {@code data} and {@code port}, the same ones at every start, as a restarted server would be. */
    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }
}

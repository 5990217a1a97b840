package io.claimpilot.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimpilot.support.Eventually;
import io.claimpilot.support.PackagedApp;
import io.claimpilot.support.PostgresProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.claimpilot.db.EmbeddedDatabaseCrashIT.cancelledClaim;
import static io.claimpilot.db.EmbeddedDatabaseCrashIT.logs;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database's disk full: its data folder on a small tmpfs, filled once the service is up. Claims then
 * fail with a clear 503 problem+json, and the log says why once, not once per claim. Mounting a tmpfs needs root
 * (CAP_SYS_ADMIN); where that is missing, as on most CI runners, the test is skipped and says so.
 */
class DiskFullIT {

    /** Room for a fresh cluster, its WAL segment and the migrated schema, with some to spare. */
    private static final String DISK_SIZE = "160m";

    @TempDir
    Path dir;

    private PackagedApp app;
    private Path disk;
    private boolean mounted;

    @AfterEach
    void stopAndUnmount() throws Exception {
        if (disk != null) {
            Files.deleteIfExists(disk.resolve("filler")); // room for PostgreSQL's shutdown checkpoint
        }
        if (app != null) {
            app.close();
        }
        if (mounted) {
            run("umount", disk.toString());
        }
    }

    @Test
    void withTheDatabasesDiskFullClaimsFailWith503AndTheCauseIsLoggedOnce() throws Exception {
        disk = Files.createDirectories(dir.resolve("disk"));
        String mount = run("mount", "-t", "tmpfs", "-o", "size=" + DISK_SIZE + ",mode=0777", "tmpfs", disk.toString());
        Assumptions.assumeTrue(mount == null, () -> "Skipped: cannot mount a tmpfs to fill (needs root or CAP_SYS_ADMIN): " + mount);
        mounted = true;
        app = PackagedApp.startOnEmbeddedDatabase("disk-full", logs(), disk.resolve("pg"), Map.of(), Map.of());
        app.awaitReady();
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> before = app.post("/api/claims", "demo-shop-key", cancelledClaim("disk-" + run + "-before"));
        assertThat(before.statusCode()).as("a claim before the disk is full").isEqualTo(201);
        // Its actions done first, so the only writes once the disk is full are the claims' own.
        String id = new ObjectMapper().readTree(before.body()).path("id").asText();
        Eventually.within(Duration.ofSeconds(30), "claim " + id + " COMPLETED", () -> {
            try {
                return app.getJson("/api/claims/" + id, "demo-agent-key").path("status").asText().equals("COMPLETED");
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });

        // A fresh WAL segment first, written to (the checkpoint's record) so that its 16 MB are allocated: what runs
        // out is room for tables, not for the WAL (PostgreSQL stops altogether when it cannot write its WAL, a
        // different case: then requests get the 503 of an unreachable database).
        try (Connection db = PostgresProcesses.connect(disk.resolve("pg"))) {
            db.createStatement().execute("select pg_switch_wal()");
            db.createStatement().execute("checkpoint");
        }
        fill(disk.resolve("filler"));
        // Rows first fill the free room left in pages already allocated; the claim that needs a new page is refused.
        HttpResponse<String> refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            HttpResponse<String> answer = app.post("/api/claims", "demo-shop-key", cancelledClaim("disk-" + run + "-fill-" + i));
            if (answer.statusCode() != 201) {
                refused = answer;
            }
        }
        assertThat(refused).as("a claim refused within 200 on a full disk").isNotNull();
        for (int i = 0; i < 5; i++) {
            assertRefusedForAFullDisk(refused);
            refused = app.post("/api/claims", "demo-shop-key", cancelledClaim("disk-" + run + "-" + i));
        }
        assertRefusedForAFullDisk(refused);

        String log = app.output();
        assertThat(occurrences(log, "No space left on device")).as("log lines naming the cause:\n" + log).isEqualTo(1);
        assertThat(occurrences(log, "The database's disk is full")).isEqualTo(1);
        assertThat(log).doesNotContain("Unexpected error");
    }

    private static void assertRefusedForAFullDisk(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(refused.body()).contains("The database's disk is full").doesNotContain("base/");
    }

    /** Writes until the file system refuses: what is left is too little for PostgreSQL to extend a table. */
    private static void fill(Path filler) {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).as("why the filler stopped").containsIgnoringCase("space");
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** Runs a command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notThere) {
            return notThere.getMessage();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out";
        }
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
    }
}

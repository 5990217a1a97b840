package io.claimpilot.db;

import io.claimpilot.support.PostgresProcesses;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL left running on our data folder (what a {@code kill -9} of the JVM left behind) is stopped before the
 * embedded database starts; nothing that is not that folder's postmaster is ever signalled.
 */
class StalePostmasterTest {

    @TempDir
    Path dir;

    @Test
    void aPostmasterLeftRunningOnOurFolderIsStoppedAndTheStartSucceeds() throws Exception {
        Path data = Files.createDirectories(dir.resolve("pg"));
        long orphanPid = startOrphanPostmaster(data);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("the orphan").isIn(
                    java.util.Optional.empty(), java.util.Optional.of(false));
            assertThat(database.setting("data_directory")).isEqualTo(data.toRealPath().toString());
        } finally {
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertThat(PostgresProcesses.of(data)).as("processes of the folder after a normal stop").isEmpty();
    }

    /**
     * A postmaster on {@code data} that nothing in this JVM holds, as a killed JVM leaves it: the cluster is made by
     * the embedded library, then started again with its own {@code pg_ctl}, with no watchdog.
     */
    private static long startOrphanPostmaster(Path data) throws Exception {
        Path bin;
        String port;
        try (EmbeddedPostgres made = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start()) {
            long pid = StalePostmaster.pidFromPidFile(data).orElseThrow();
            bin = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getParent();
            port = Integer.toString(made.getPort());
        }
        List<String> command = new java.util.ArrayList<>();
        if (System.getProperty("user.name").equals("root")) {
            command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses root; the embedded library does the same
        }
        command.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", "-p " + port,
                "-l", data.resolveSibling("orphan.log").toString(), "-w", "start"));
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(pgCtl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pgCtl.exitValue()).as("pg_ctl start").isZero();
        long pid = StalePostmaster.pidFromPidFile(data).orElseThrow();
        assertThat(StalePostmaster.isPostmasterOf(pid, data)).as("the orphan is our folder's postmaster").isTrue();
        return pid;
    }

    @Test
    void aPidFileNamingAnotherProgramLeavesThatProgramAlone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("pg"));
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(data.resolve("postmaster.pid"), unrelated.pid() + "\n" + data + "\n");

            assertThat(StalePostmaster.stopIfRunning(data)).isFalse();
            assertThat(unrelated.waitFor(300, TimeUnit.MILLISECONDS)).as("sleep ended").isFalse();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aPidFileWhoseProcessIsGoneIsLeftToPostgres() throws Exception {
        Path data = Files.createDirectories(dir.resolve("pg"));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(data.resolve("postmaster.pid"), ended.pid() + "\n");

        assertThat(StalePostmaster.stopIfRunning(data)).isFalse();
        assertThat(data.resolve("postmaster.pid")).exists();
    }

    @Test
    void onlyAPostgresWhoseDataFolderIsOursMatches() {
        Path ours = dir.resolve("pg");
        Path elsewhere = dir.resolve("other");

        assertThat(StalePostmaster.isPostmasterCommandLine(List.of("/opt/pg/bin/postgres", "-D", ours.toString(), "-p", "5432"),
                ours, elsewhere)).isTrue();
        assertThat(StalePostmaster.isPostmasterCommandLine(List.of("/opt/pg/bin/postgres", "-D", ours + "/../pg/."),
                ours, elsewhere)).as("the same folder, written otherwise").isTrue();
        assertThat(StalePostmaster.isPostmasterCommandLine(List.of("/opt/pg/bin/postgres", "-D", elsewhere.toString()),
                ours, elsewhere)).as("another cluster").isFalse();
        assertThat(StalePostmaster.isPostmasterCommandLine(List.of("/usr/bin/vim", "-D", ours.toString()),
                ours, ours)).as("another program").isFalse();
        assertThat(StalePostmaster.isPostmasterCommandLine(List.of("postgres: checkpointer"), ours, ours))
                .as("a backend, not the postmaster").isFalse();
        // A relative -D is read where PostgreSQL works: in its data folder.
        assertThat(StalePostmaster.isPostmasterCommandLine(List.of("postgres", "-D", "data/postgres"), ours, ours)).isTrue();
        assertThat(StalePostmaster.isPostmasterCommandLine(List.of("postgres", "-D", "data/postgres"), ours, elsewhere)).isFalse();
    }
}

package io.claimpilot.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watchdog's side of a JVM's death is its standard input reaching its end: that is what a {@code kill -9} of the
 * JVM does to it, and what these tests do by closing the pipe. A {@code sleep} stands in for the postmaster.
 */
class PostmasterWatchdogTest {

    @TempDir
    Path data;

    @Test
    void whenTheJvmIsGoneThePostmasterNamedInThePidFileIsStopped() throws Exception {
        Process postmaster = new ProcessBuilder("sleep", "60").start();
        Files.writeString(data.resolve("postmaster.pid"), postmaster.pid() + "\n" + data + "\n");
        try {
            PostmasterWatchdog watchdog = PostmasterWatchdog.start(postmaster.pid(), data);
            assertThat(postmaster.waitFor(300, TimeUnit.MILLISECONDS)).as("stopped before the JVM is gone").isFalse();

            watchdog.close();

            assertThat(postmaster.waitFor(5, TimeUnit.SECONDS)).as("stopped once the JVM is gone").isTrue();
            assertThat(ProcessHandle.of(watchdog.pid())).as("the watchdog itself").isEmpty();
        } finally {
            postmaster.destroyForcibly();
        }
    }

    @Test
    void afterANormalStopTheWatchdogSignalsNothing() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            // PostgreSQL stopped (its PID file is gone) and its PID now names something else.
            PostmasterWatchdog watchdog = PostmasterWatchdog.start(other.pid(), data);

            watchdog.close();

            assertThat(other.waitFor(500, TimeUnit.MILLISECONDS)).as("the other process ended").isFalse();
            assertThat(ProcessHandle.of(watchdog.pid())).isEmpty();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aPidFileNamingAnotherPostmasterIsLeftAlone() throws Exception {
        Process ours = new ProcessBuilder("sleep", "60").start();
        Process theNextOne = new ProcessBuilder("sleep", "60").start();
        Files.writeString(data.resolve("postmaster.pid"), theNextOne.pid() + "\n");
        try {
            PostmasterWatchdog.start(ours.pid(), data).close();

            assertThat(theNextOne.waitFor(500, TimeUnit.MILLISECONDS)).isFalse();
        } finally {
            ours.destroyForcibly();
            theNextOne.destroyForcibly();
        }
    }
}

package io.claimpilot.db;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Ties the embedded PostgreSQL's life to this JVM's: a tiny {@code sh} process that stops the postmaster when the JVM
 * is gone, however it went. A shutdown hook cannot do that, since {@code kill -9} runs no hook, and PostgreSQL started
 * through {@code pg_ctl} is not our child, so it outlives us.
 *
 * <p>Why a pipe rather than polling the JVM's PID: the watchdog blocks reading its standard input, whose other end
 * only this JVM holds (Java closes inherited descriptors in every process it starts, PostgreSQL included). The kernel
 * closes that end when the JVM dies, for any reason, so the read returns at once, without a polling delay and without
 * the risk of a reused PID keeping the watchdog waiting. PostgreSQL itself offers nothing that fits: its timeouts
 * end sessions, never the server, and it has no notion of the process that started it.
 *
 * <p>It then sends SIGINT (fast shutdown: the dead JVM's transactions are rolled back, a checkpoint is written) to
 * the PID in the data folder's {@code postmaster.pid}, and only if that file still names the postmaster started
 * here. On a normal stop, {@link #close()} runs after PostgreSQL has stopped: the PID file is gone and the watchdog
 * just exits.
 */
final class PostmasterWatchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostmasterWatchdog.class);

    // $1: the postmaster's PID, $2: its postmaster.pid file. Read until end of input, i.e. until the JVM is gone.
    private static final String SCRIPT = """
            while read -r _; do :; done
            if [ "$(head -n 1 "$2" 2>/dev/null)" = "$1" ]; then kill -INT "$1"; fi
            """;

    private final Process process;

    private PostmasterWatchdog(Process process) {
        this.process = process;
    }

    /** Starts watching for the postmaster {@code pid} of {@code dataDirectory}. */
    static PostmasterWatchdog start(long postmasterPid, Path dataDirectory) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", SCRIPT, "claimpilot-postgres-watchdog",
                Long.toString(postmasterPid), dataDirectory.resolve("postmaster.pid").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return new PostmasterWatchdog(process);
    }

    long pid() {
        return process.pid();
    }

    /** Lets the watchdog finish: call it once PostgreSQL has stopped, so it finds nothing to stop. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.debugf("The embedded PostgreSQL's watchdog (pid %d) has ended", process.pid());
    }
}

package io.claimpilot.db;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A PostgreSQL still running on our data folder when we are about to start one: what a {@code kill -9} of an earlier
 * JVM leaves behind. PostgreSQL would refuse to start ("lock file postmaster.pid already exists"), so it is stopped
 * first, cleanly if it lets itself be.
 *
 * <p>Only a process proven to be the postmaster of this very folder is ever signalled: its PID comes from the folder's
 * {@code postmaster.pid}, and its command line ({@code /proc/<pid>/cmdline}) must be a {@code postgres} whose
 * {@code -D} is this folder. A PID file naming a process that is gone, or that is something else (the PID was reused),
 * is left to PostgreSQL, which ignores such a stale file by itself.
 */
final class StalePostmaster {

    private static final Logger LOG = Logger.getLogger(StalePostmaster.class);

    /** Smart shutdown: sessions of the dead JVM are gone, so it ends as soon as the checkpoint is written. */
    static final Duration TERM_WAIT = Duration.ofSeconds(20);
    /** Immediate shutdown: no checkpoint, the next start replays the WAL. */
    static final Duration QUIT_WAIT = Duration.ofSeconds(5);
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private StalePostmaster() {
    }

    /** Stops the postmaster left running on {@code dataDirectory}, if there is one; returns whether one was. */
    static boolean stopIfRunning(Path dataDirectory) {
        Path folder = normalised(dataDirectory);
        OptionalLong pid = pidFromPidFile(folder);
        if (pid.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostmasterOf(pid.getAsLong(), folder)) {
            return false;
        }
        long started = System.nanoTime();
        String outcome = stop(process.get(), folder);
        LOG.warnf("A PostgreSQL (pid %d) was still running on %s, left by an earlier run that did not stop (killed?): %s"
                        + " after %d ms", pid.getAsLong(), folder, outcome, (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** SIGTERM, then SIGQUIT, then SIGKILL, each after a bounded wait for the process to end. */
    private static String stop(ProcessHandle postmaster, Path folder) {
        postmaster.destroy();
        if (awaitExit(postmaster, TERM_WAIT)) {
            return "stopped with SIGTERM (smart shutdown)";
        }
        signal(postmaster.pid(), "QUIT");
        if (awaitExit(postmaster, QUIT_WAIT)) {
            return "did not stop on SIGTERM within " + TERM_WAIT.toSeconds() + " s; stopped with SIGQUIT (immediate shutdown)";
        }
        postmaster.destroyForcibly();
        if (awaitExit(postmaster, KILL_WAIT)) {
            return "did not stop on SIGTERM nor SIGQUIT; killed with SIGKILL";
        }
        throw new IllegalStateException("The PostgreSQL left running on " + folder + " (pid " + postmaster.pid()
                + ") did not stop, even on SIGKILL; stop it by hand");
    }

    /** Waits for the process to end; a clean shutdown removes the PID file before it does. */
    private static boolean awaitExit(ProcessHandle postmaster, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!postmaster.isAlive()) {
                    return true;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !postmaster.isAlive();
    }

    /** SIGQUIT has no Java API; {@code kill} is POSIX. */
    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            LOG.warnf("Could not send SIG%s to %d: %s", signal, pid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The postmaster's PID, the first line of {@code postmaster.pid}, if the file is there and readable. */
    static OptionalLong pidFromPidFile(Path folder) {
        Path pidFile = folder.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether {@code pid} is a {@code postgres} started with {@code -D} naming {@code folder}. */
    static boolean isPostmasterOf(long pid, Path folder) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return isPostmasterCommandLine(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")), folder,
                    Path.of("/proc", Long.toString(pid), "cwd"));
        } catch (IOException | SecurityException e) {
            // No /proc (not Linux), or the process is not ours to inspect: then it is not ours to stop either.
            return false;
        }
    }

    /**
     * The check itself, on a split command line. A relative {@code -D} is resolved through the process's working
     * directory, which PostgreSQL sets to its data folder at start.
     */
    static boolean isPostmasterCommandLine(List<String> arguments, Path folder, Path processWorkingDirectory) {
        if (arguments.isEmpty() || !Path.of(arguments.get(0)).getFileName().toString().equals("postgres")) {
            return false;
        }
        int flag = arguments.indexOf("-D");
        if (flag < 0 || flag + 1 >= arguments.size()) {
            return false;
        }
        Path named = Path.of(arguments.get(flag + 1));
        Path expected = normalised(folder);
        if (named.isAbsolute()) {
            return normalised(named).equals(expected);
        }
        return normalised(processWorkingDirectory).equals(expected);
    }

    /** Absolute, without {@code .} or {@code ..}, and with links resolved where the path exists. */
    static Path normalised(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException | SecurityException e) {
            return absolute;
        }
    }
}

package io.claimpilot.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes that belong to an embedded PostgreSQL data folder, seen from {@code /proc}: the postmaster and every
 * backend work in the folder (PostgreSQL changes into it at start), and the service's watchdog names the folder's
 * {@code postmaster.pid} on its command line. Linux only, like the crash tests that use it.
 */
public final class PostgresProcesses {

    private PostgresProcesses() {
    }

    /** Every process working in {@code dataDirectory} or naming it on its command line, as "pid: command line". */
    public static List<String> of(Path dataDirectory) {
        Path folder = real(dataDirectory);
        List<String> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(proc -> {
                String commandLine = commandLine(proc);
                boolean worksThere = false;
                try {
                    worksThere = Files.readSymbolicLink(proc.resolve("cwd")).equals(folder);
                } catch (IOException | SecurityException gone) {
                    // the process ended meanwhile, or is not ours to read
                }
                if (worksThere || commandLine.contains(folder.toString())) {
                    found.add(proc.getFileName() + ": " + commandLine);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
        return found;
    }

    /** A superuser connection to the embedded PostgreSQL running on {@code dataDirectory} (its port is in the PID file). */
    public static Connection connect(Path dataDirectory) throws IOException, SQLException {
        List<String> pidFile = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        // postmaster.pid: pid, data folder, start time, port, ...; the embedded server trusts local connections.
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pidFile.get(3).trim() + "/postgres",
                "postgres", "postgres");
    }

    private static String commandLine(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}

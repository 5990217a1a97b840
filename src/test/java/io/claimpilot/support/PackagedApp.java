package io.claimpilot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child JVM on a free loopback port, pointed at
 * an external database, for integration tests that run several replicas or kill one.
 */
public final class PackagedApp implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    /** Health, metrics and OpenAPI: the management interface, on a port of its own. */
    private final int managementPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PackagedApp(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * Starts the jar with the demo keys, the shipped rules, the given JDBC URL, system properties and environment
     * (secrets go in the environment, as in production).
     */
    public static PackagedApp start(String name, Path logDir, String jdbcUrl, Map<String, String> properties,
                                    Map<String, String> environment) throws IOException {
        return start(name, logDir, jdbcUrl, null, properties, environment);
    }

    /**
     * Starts the jar as it runs by default, with no JDBC URL: on its own embedded PostgreSQL, kept in
     * {@code dataDirectory} (so a second start on the same folder finds the first one's data).
     */
    public static PackagedApp startOnEmbeddedDatabase(String name, Path logDir, Path dataDirectory,
                                                      Map<String, String> properties, Map<String, String> environment)
            throws IOException {
        return start(name, logDir, null, dataDirectory, properties, environment);
    }

    private static PackagedApp start(String name, Path logDir, String jdbcUrl, Path embeddedDataDirectory,
                                     Map<String, String> properties, Map<String, String> environment) throws IOException {
        Path jar = Path.of(System.getProperty("claimpilot.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged service is missing; run through './mvnw verify': " + jar);
        }
        // Chosen together, so they differ: the embedded PostgreSQL once took the management port picked before it.
        int[] ports = freeLoopbackPorts(3);
        int port = ports[0];
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-Dquarkus.profile=demo");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        int managementPort = ports[1];
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-Dclaimpilot.session-key-file=" + logDir.toAbsolutePath().resolve(name + "-session-encryption.key"));
        command.add("-Dquarkus.log.console.color=false");
        if (jdbcUrl != null) {
            command.add("-Dquarkus.datasource.jdbc.url=" + jdbcUrl);
            command.add("-Dquarkus.datasource.username=postgres");
            command.add("-Dquarkus.datasource.password=postgres");
        } else {
            command.add("-Dclaimpilot.embedded-postgres.data-dir=" + embeddedDataDirectory.toAbsolutePath());
            command.add("-Dclaimpilot.embedded-postgres.port=" + ports[2]);
        }
        command.add("-Dclaimpilot.rules.directory=" + projectRoot().resolve("rules"));
        command.add("-Dclaimpilot.rules.watch=false");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("CLAIMPILOT_"));
        builder.environment().putAll(environment);
        return new PackagedApp(builder.start(), port, managementPort, log);
    }

    public void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The service exited with " + process.exitValue() + " before it was ready:\n" + output());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
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

    public HttpResponse<String> post(String path, String apiKey, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String apiKey, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(String path, String apiKey) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed, in-flight calls are cut off. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** The JVM's process id. */
    public long pid() {
        return process.pid();
    }

    /** The management interface's base address: {@code /q/health/ready} and the like. */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                killHard();
            }
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public static Path projectRoot() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** {@code count} distinct free loopback ports: every socket stays open until all are chosen. */
    public static int[] freeLoopbackPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}

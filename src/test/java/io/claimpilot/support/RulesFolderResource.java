package io.claimpilot.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** A copy of the shipped rules/ folder for the test run, so tests can edit files the service watches. */
public class RulesFolderResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROPERTY = "claimpilot.rules.directory";

    @Override
    public Map<String, String> start() {
        Path copy = Path.of("target", "test-rules", UUID.randomUUID().toString()).toAbsolutePath();
        copyFolder(Path.of("rules"), copy);
        return Map.of(PROPERTY, copy.toString());
    }

    @Override
    public void stop() {
    }

    public static void copyFolder(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

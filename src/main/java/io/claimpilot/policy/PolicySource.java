package io.claimpilot.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rule files of one policy version. Its identity is the SHA-256 of the file names and contents,
 * so the same files always make the same version, wherever they come from.
 */
public record PolicySource(List<PolicyFile> files) {

    public PolicySource {
        files = files.stream().sorted(Comparator.comparing(PolicyFile::name)).toList();
    }

    public static final String SCENARIOS = "scenarios/";

    /**
     * Reads a policy folder: the rule files at its top level and the scenarios in {@code scenarios/}.
     * Other subfolders (messages, documents) hold other things.
     */
    public static PolicySource fromDirectory(Path directory) {
        List<PolicyFile> files = new java.util.ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(Files::isRegularFile)
                    .filter(path -> PolicyFile.isRuleFile(path.getFileName().toString()))
                    .map(path -> read(path, path.getFileName().toString()))
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules folder " + directory.toAbsolutePath(), e);
        }
        Path scenarios = directory.resolve(SCENARIOS);
        if (Files.isDirectory(scenarios)) {
            try (Stream<Path> entries = Files.list(scenarios)) {
                entries.filter(Files::isRegularFile)
                        .filter(path -> isScenarioFile(SCENARIOS + path.getFileName()))
                        .map(path -> read(path, SCENARIOS + path.getFileName()))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + scenarios.toAbsolutePath(), e);
            }
        }
        return new PolicySource(files);
    }

    /** The files that hold rules: top-level .drl and decision tables. */
    public List<PolicyFile> ruleFiles() {
        return files.stream().filter(file -> !file.name().contains("/") && PolicyFile.isRuleFile(file.name())).toList();
    }

    /** The analysts' scenarios: {@code scenarios/*.csv}. */
    public List<PolicyFile> scenarioFiles() {
        return files.stream().filter(file -> isScenarioFile(file.name())).toList();
    }

    public static boolean isScenarioFile(String name) {
        String base = name.startsWith(SCENARIOS) ? name.substring(SCENARIOS.length()) : null;
        return base != null && !base.contains("/") && !base.startsWith(".") && base.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
    }

    public String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (PolicyFile file : files) {
                digest.update(file.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Long.toString(file.content().length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.content());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public List<String> fileNames() {
        return files.stream().map(PolicyFile::name).toList();
    }

    private static PolicyFile read(Path path, String name) {
        try {
            return new PolicyFile(name, Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path.toAbsolutePath(), e);
        }
    }
}

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

    /** Reads the rule files at the top of a folder; subfolders (scenarios, messages) hold other things. */
    public static PolicySource fromDirectory(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return new PolicySource(entries
                    .filter(Files::isRegularFile)
                    .filter(path -> PolicyFile.isRuleFile(path.getFileName().toString()))
                    .map(PolicySource::read)
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules folder " + directory.toAbsolutePath(), e);
        }
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

    private static PolicyFile read(Path path) {
        try {
            return new PolicyFile(path.getFileName().toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path.toAbsolutePath(), e);
        }
    }
}

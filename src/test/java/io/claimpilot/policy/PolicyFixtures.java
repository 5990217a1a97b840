package io.claimpilot.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Variants of the shipped policy for lifecycle tests. */
public final class PolicyFixtures {

    private PolicyFixtures() {
    }

    /** The starting claims table with the cancellation cap changed from 150.00. */
    public static byte[] claimsTableWithCancellationCap(String cap) {
        List<List<String>> rows = DecisionTableWorkbook.STARTING_POLICY.stream()
                .map(row -> row.stream().map(cell -> cell.replace("150.00", cap)).toList())
                .toList();
        return DecisionTableWorkbook.claimsTable(rows);
    }

    /** The shipped scenarios with the cancellation cap changed the same way. */
    public static byte[] scenariosWithCancellationCap(String cap, String justAbove) {
        return shippedScenarios().replace("150.00", cap).replace("150.01", justAbove).getBytes(StandardCharsets.UTF_8);
    }

    public static String shippedScenarios() {
        return read(Path.of("rules/scenarios/starting-policy.csv"));
    }

    public static String shippedGuardrails() {
        return read(Path.of("rules/guardrails.drl"));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

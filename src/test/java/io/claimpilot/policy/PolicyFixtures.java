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

    /** The shipped rules folder with its claims table replaced by this one. */
    public static PolicySource shippedWithClaimsTable(byte[] table) {
        List<PolicyFile> files = new java.util.ArrayList<>(PolicySource.fromDirectory(Path.of("rules")).files());
        files.removeIf(file -> file.name().equals("claims.xlsx"));
        files.add(new PolicyFile("claims.xlsx", table));
        return new PolicySource(files);
    }

    /** The shipped claims table, as the file in rules/. */
    public static byte[] shippedClaimsTable() {
        try {
            return Files.readAllBytes(Path.of("rules/claims.xlsx"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The guard rail a "fewer guard rails" version drops in governance tests. */
    public static final String FOURTH_CLAIM_GUARD_RAIL = "Guard rail: more than 3 claims in 30 days";

    /** The shipped guard rails without {@link #FOURTH_CLAIM_GUARD_RAIL}, marked so each call makes a new version. */
    public static String guardrailsWithoutTheFourthClaimRule() {
        String guardrails = shippedGuardrails();
        int start = guardrails.indexOf("rule \"" + FOURTH_CLAIM_GUARD_RAIL + "\"");
        int end = guardrails.indexOf("end\n", start) + "end\n".length();
        return guardrails.substring(0, start) + guardrails.substring(end) + "\n// " + java.util.UUID.randomUUID() + "\n";
    }

    /** The shipped scenarios, with the fourth claim in 30 days refunded: they pass without that guard rail. */
    public static String scenariosWithoutTheFourthClaimRule() {
        return shippedScenarios().replace(
                "Fourth claim in 30 days goes to review,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,EUR,UNFULFILLED,,no,4,HUMAN_REVIEW,,Guard rail: more than 3 claims in 30 days",
                "Fourth claim in 30 days is still automatic,ORDER_CANCELLED_BEFORE_SHIPMENT,20.00,EUR,UNFULFILLED,,no,4,REFUND,20.00,");
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.claimpilot.bench;

import io.claimpilot.policy.DecisionTableWorkbook;
import io.claimpilot.policy.PolicyFile;
import io.claimpilot.policy.PolicySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The policies the benchmarks measure: the shipped rules/ folder, and a generated 1,000-row decision table. */
public final class BenchPolicies {

    /** The rules folder; benchmarks run from the project directory. */
    public static final Path RULES = Path.of(System.getProperty("claimpilot.bench.rules", "rules"));

    /** The generated table's reasons; each has {@link #BANDS} one-euro amount bands, so a claim matches one row. */
    public static final List<String> TABLE_REASONS = List.of(
            "ORDER_CANCELLED_BEFORE_SHIPMENT", "RETURN_SCANNED", "DAMAGED", "NOT_RECEIVED", "WRONG_ITEM");
    public static final int BANDS = 200;
    public static final int ROWS = TABLE_REASONS.size() * BANDS;

    private static final String[] ACTIONS = {"REFUND", "RESHIP", "HUMAN_REVIEW", "REQUEST_EVIDENCE"};

    private BenchPolicies() {
    }

    public static PolicySource shipped() {
        return PolicySource.fromDirectory(RULES);
    }

    /** The shipped guard rails, with a comment line that changes the version hash. */
    public static PolicySource shippedVariant(int variant) {
        List<PolicyFile> files = new ArrayList<>();
        for (PolicyFile file : shipped().files()) {
            if (file.name().equals("guardrails.drl")) {
                String text = new String(file.content(), StandardCharsets.UTF_8) + "\n// variant " + variant + "\n";
                files.add(new PolicyFile(file.name(), text.getBytes(StandardCharsets.UTF_8)));
            } else {
                files.add(file);
            }
        }
        return new PolicySource(files);
    }

    /**
     * 1,000 rows in the layout of the shipped claims.xlsx, one per reason and one-euro amount band (above k, at most k+1),
     * with the shipped guard rails and a scenario file that checks a row of each reason.
     */
    public static PolicySource thousandRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < TABLE_REASONS.size(); r++) {
            for (int band = 0; band < BANDS; band++) {
                String action = actionOf(r, band);
                rows.add(DecisionTableWorkbook.row(ruleName(r, band), TABLE_REASONS.get(r), "", "EUR",
                        Integer.toString(band), Integer.toString(band + 1), "", "",
                        action, action.equals("REQUEST_EVIDENCE") ? "48" : "", "",
                        "Generated row " + (r * BANDS + band + 1)));
            }
        }
        byte[] table = DecisionTableWorkbook.claimsTable(rows);
        StringBuilder scenarios = new StringBuilder("name,reason,amount,currency,fulfillment,expected_action,expected_rule\n");
        for (int r = 0; r < TABLE_REASONS.size(); r++) {
            for (int band : new int[] {0, 57, BANDS - 1}) {
                scenarios.append(ruleName(r, band)).append(',').append(TABLE_REASONS.get(r)).append(',')
                        .append(new BigDecimal(band).add(new BigDecimal("0.50")).toPlainString()).append(",EUR,DELIVERED,")
                        .append(actionOf(r, band)).append(',').append(ruleName(r, band)).append('\n');
            }
        }
        try {
            return new PolicySource(List.of(
                    new PolicyFile("claims.xlsx", table),
                    new PolicyFile("guardrails.drl", Files.readAllBytes(RULES.resolve("guardrails.drl"))),
                    new PolicyFile("scenarios/thousand-rows.csv", scenarios.toString().getBytes(StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the 1,000-row policy as a folder (claims.xlsx, guardrails.drl, scenarios/), for timing the offline
     * {@code validate} command or an upload to a running service: {@code java -cp <test class path>
     * io.claimpilot.bench.BenchPolicies target/rows1000}.
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/rows1000");
        Files.createDirectories(folder.resolve(PolicySource.SCENARIOS));
        for (PolicyFile file : thousandRows().files()) {
            Files.write(folder.resolve(file.name()), file.content());
        }
        System.out.println("Wrote the 1,000-row policy in " + folder.toAbsolutePath());
    }

    static String actionOf(int reason, int band) {
        return ACTIONS[(reason + band) % ACTIONS.length];
    }

    static String ruleName(int reason, int band) {
        return String.format("Row %04d: %s above %d up to %d EUR", reason * BANDS + band + 1, TABLE_REASONS.get(reason), band, band + 1);
    }
}

package io.claimpilot.policy;

import io.claimpilot.facts.ClaimFacts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.claimpilot.policy.DecisionTableWorkbook.row;
import static org.assertj.core.api.Assertions.assertThat;

/** Tables' amount conditions become whole-number comparisons, exactly as the BigDecimal ones decided. */
class AmountConstraintsTest {

    @Test
    void rewritesAboveAndAtMostIntoTenThousandths() {
        assertThat(AmountConstraints.rewrite("ClaimFacts(reason == \"DAMAGED\", claimedAmount > 150.00, claimedAmount <= 2)"))
                .isEqualTo("ClaimFacts(reason == \"DAMAGED\", claimedAmount != null, claimedAmountTenThousandths > 1500000, "
                        + "claimedAmountTenThousandths <= 20000)");
        assertThat(AmountConstraints.rewrite("ClaimFacts(claimedAmount<=-0.0001)")).isEqualTo("ClaimFacts(claimedAmountTenThousandths <= -1)");
    }

    @Test
    void leavesEverythingItCannotRewriteExactly() {
        for (String condition : List.of(
                "claimedAmount > 150.00001",               // more decimals than ten-thousandths
                "claimedAmount > 922337203685477.5807",    // the accessor's clamp value
                "claimedAmount > 1e3",                      // not a plain literal
                "claimedAmount >= 150", "claimedAmount < 150", "claimedAmount == 150", // other operators
                "refundableBalance > 150", "item.claimedAmount > 150", "claimedAmountX > 150",
                "claimedAmount > limit",
                "ClaimFacts(claimedAmount > 150 || hasPhoto)", "ClaimFacts((claimedAmount > 150))",
                "eval(claimedAmount > 150)", "ClaimFacts(claimedAmount <= 150 || > 300)", "ClaimFacts(claimedAmount <= 150 || hasPhoto)")) { // not whole constraints
            String drl = condition.contains("(") ? condition : "ClaimFacts(reason == \"DAMAGED\", " + condition + ")";
            assertThat(AmountConstraints.rewrite(drl)).as(drl).isEqualTo(drl);
        }
    }

    @Test
    void keepsGeneratedLineNumbersSoErrorsStillMapToCells() {
        String drl = "rule \"a\"\n// rule values at B9\nwhen\n ClaimFacts(claimedAmount > 1, claimedAmount <= 2)\nthen\nend\n";
        assertThat(AmountConstraints.rewrite(drl).split("\n", -1)).hasSameSizeAs(drl.split("\n", -1));
    }

    @Test
    void theAccessorRoundsUpAndStaysWithinALong() {
        assertThat(facts("89.90").claimedAmountTenThousandths()).isEqualTo(899_000);
        assertThat(facts("89.90001").claimedAmountTenThousandths()).isEqualTo(899_001);
        assertThat(facts("-89.90001").claimedAmountTenThousandths()).isEqualTo(-899_000);
        assertThat(facts("1E+30").claimedAmountTenThousandths()).isEqualTo(Long.MAX_VALUE);
        assertThat(facts("-1E+30").claimedAmountTenThousandths()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void decidesEveryBoundaryLikeTheBigDecimalComparison() {
        String[] bounds = {"0", "49.99", "50.00", "50", "150.00001", "150.5", "922337203685477.5806"};
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("At most 0", "DAMAGED", "", "", "", "0", "", "", "REFUND", "", "", "a"));
        String[] actions = {"RESHIP", "HUMAN_REVIEW", "REFUND"};
        for (int i = 0; i + 1 < bounds.length; i++) {
            rows.add(row("Band " + i, "DAMAGED", "", "", bounds[i], bounds[i + 1], "", "", actions[i % 3], "", "", "b" + i));
        }
        rows.add(row("Above the last", "DAMAGED", "", "", bounds[bounds.length - 1], "", "", "", "RESHIP", "", "", "c"));
        PolicySource source = new PolicySource(List.of(new PolicyFile("claims.xlsx", DecisionTableWorkbook.claimsTable(rows))));
        CompiledPolicy primitive = new PolicyCompiler().compile(source);
        CompiledPolicy bigDecimal = new PolicyCompiler(false).compile(source);

        List<String> amounts = new ArrayList<>(List.of("-1", "1E+16", "-1E+30", "1E+30", "0.00001", "-0.00001"));
        for (String bound : bounds) {
            BigDecimal b = new BigDecimal(bound);
            for (String delta : List.of("0", "0.0001", "-0.0001", "0.00001", "-0.00001", "0.01", "-0.01")) {
                amounts.add(b.add(new BigDecimal(delta)).toPlainString());
            }
        }
        for (String amount : amounts) {
            ClaimFacts claim = facts(amount);
            assertThat(primitive.evaluate(claim).rulesFired()).as(amount).containsExactly(expectedRow(bounds, new BigDecimal(amount)));
            if (new BigDecimal(amount).abs().compareTo(new BigDecimal("1E+12")) < 0) {
                assertThat(primitive.evaluate(claim)).as(amount).isEqualTo(bigDecimal.evaluate(claim));
            }
        }
    }

    /**
     * Found by the test above: the BigDecimal build compares with a literal of more than 15 significant digits as if it
     * went through a double (922337203685477.5807 counted as at most 922337203685477.5806). The whole-number build is exact.
     */
    @Test
    void isExactWhereTheBigDecimalBuildIsNot() {
        List<List<String>> rows = List.of(
                row("Small", "DAMAGED", "", "", "", "922337203685477.5806", "", "", "REFUND", "", "", "a"),
                row("Large", "DAMAGED", "", "", "922337203685477.5806", "", "", "", "HUMAN_REVIEW", "", "", "b"));
        PolicySource source = new PolicySource(List.of(new PolicyFile("claims.xlsx", DecisionTableWorkbook.claimsTable(rows))));
        ClaimFacts justAbove = facts("922337203685477.5807");
        assertThat(new PolicyCompiler().compile(source).evaluate(justAbove).rulesFired()).containsExactly("Large");
        assertThat(new PolicyCompiler(false).compile(source).evaluate(justAbove).rulesFired()).containsExactly("Small");
    }

    private static String expectedRow(String[] bounds, BigDecimal amount) {
        if (amount.compareTo(BigDecimal.ZERO) <= 0) {
            return "At most 0";
        }
        for (int i = 0; i + 1 < bounds.length; i++) {
            if (amount.compareTo(new BigDecimal(bounds[i])) > 0 && amount.compareTo(new BigDecimal(bounds[i + 1])) <= 0) {
                return "Band " + i;
            }
        }
        return "Above the last";
    }

    @Test
    void aClaimWithoutAnAmountMatchesNoAmountRowInEitherBuild() {
        List<List<String>> rows = List.of(
                row("Small", "DAMAGED", "", "", "", "50", "", "", "REFUND", "", "", "a"),
                row("Large", "DAMAGED", "", "", "50", "", "", "", "HUMAN_REVIEW", "", "", "b"));
        PolicySource source = new PolicySource(List.of(new PolicyFile("claims.xlsx", DecisionTableWorkbook.claimsTable(rows))));
        ClaimFacts noAmount = facts(null);
        assertThat(new PolicyCompiler().compile(source).evaluate(noAmount).rulesFired())
                .isEqualTo(new PolicyCompiler(false).compile(source).evaluate(noAmount).rulesFired())
                .isEmpty();
    }

    @Test
    void theStoredSnapshotDoesNotChange() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();
        ClaimFacts claim = facts("89.90");
        String text = json.writeValueAsString(claim);
        assertThat(text).doesNotContain("TenThousandths").contains("\"claimedAmount\":89.90");
        assertThat(json.readValue(text, ClaimFacts.class)).isEqualTo(claim);
    }

    private static ClaimFacts facts(String amount) {
        BigDecimal value = amount == null ? null : new BigDecimal(amount);
        Instant now = Instant.parse("2026-01-01T09:00:00Z");
        return new ClaimFacts("c-" + amount, "o", "DAMAGED", "DELIVERED", "EUR", value, value, value, List.of(), true, true,
                true, "DELIVERED", 3, "cu", 1, 1, BigDecimal.ZERO, BigDecimal.ZERO, 1, BigDecimal.ZERO, 1, BigDecimal.ZERO,
                false, null, null, now, now);
    }
}

package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.facts.TestFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.claimpilot.policy.DecisionTableWorkbook.STARTING_POLICY;
import static io.claimpilot.policy.DecisionTableWorkbook.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The EXCHANGE action in decision tables: the shipped rows, a table that uses it, and a misspelt one. */
class ExchangePolicyTest {

    private static final PolicyCompiler COMPILER = new PolicyCompiler();
    private static CompiledPolicy shipped;

    /** The shipped claims table and guard rails; the scenarios run in ScenarioValidationTest. */
    @BeforeAll
    static void compileShippedRules() throws IOException {
        shipped = COMPILER.compile(new PolicySource(List.of(guardrails(),
                new PolicyFile("claims.xlsx", Files.readAllBytes(Path.of("rules/claims.xlsx"))))));
    }

    private static ClaimFacts wrongItem(String replacementPrice, Integer replacementAvailable) {
        return TestFacts.claim("WRONG_ITEM").amount("24.90").fulfillment("DELIVERED").item("TSHIRT-S", 1, 0).build()
                .withReplacements(List.of(new ClaimFacts.ReplacementFact("TSHIRT-M", 1, new BigDecimal("24.90"),
                        replacementPrice == null ? null : new BigDecimal(replacementPrice), replacementAvailable)));
    }

    @Test
    void theShippedPolicyExchangesAWrongItemForASamePricedVariantInStock() {
        ClaimFacts facts = wrongItem("24.9", 1);
        assertThat(facts.exchangeRequested()).isTrue();
        assertThat(facts.replacementSamePrice()).as("24.9 is 24.90").isTrue();
        assertThat(facts.replacementInStock()).isTrue();

        PolicyVerdict verdict = shipped.evaluate(facts);

        assertThat(verdict.action()).isEqualTo(DecisionAction.EXCHANGE);
        assertThat(verdict.messageKey()).isEqualTo("exchange-on-its-way");
        assertThat(verdict.amount()).isNull();
        assertThat(verdict.rulesFired()).containsExactly("Wrong item, exchange at the same price, in stock: exchange");
    }

    @Test
    void anUnknownPriceOrStockSendsTheExchangeToAPerson() {
        assertThat(shipped.evaluate(wrongItem(null, 3)).rulesFired()).containsExactly("Wrong item, exchange at another price: review");
        assertThat(shipped.evaluate(wrongItem("24.90", null)).rulesFired()).containsExactly("Wrong item, exchange out of stock: review");
        assertThat(shipped.evaluate(wrongItem("24.90", null)).action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
    }

    @Test
    void twoLinesAskingForTheSameVariantNeedItsStockForBoth() {
        ClaimFacts facts = TestFacts.claim("WRONG_ITEM").amount("49.80").build().withReplacements(List.of(
                new ClaimFacts.ReplacementFact("TSHIRT-M", 1, new BigDecimal("24.90"), new BigDecimal("24.90"), 1),
                new ClaimFacts.ReplacementFact("TSHIRT-M", 1, new BigDecimal("24.90"), new BigDecimal("24.90"), 1)));

        assertThat(facts.replacementInStock()).isFalse();
        assertThat(shipped.evaluate(facts).action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
    }

    @Test
    void aTableThatExchangesAClaimAskingForNoVariantSendsItToAPerson() throws IOException {
        List<List<String>> rows = new ArrayList<>(STARTING_POLICY);
        rows.add(row("Other: exchange", "OTHER", "", "", "", "", "", "", "", "", "",
                "EXCHANGE", "", "", "Exchange whatever it is"));
        CompiledPolicy policy = COMPILER.compile(new PolicySource(List.of(guardrails(),
                new PolicyFile("claims.xlsx", DecisionTableWorkbook.claimsTable(rows)))));

        PolicyVerdict verdict = policy.evaluate(TestFacts.claim("OTHER").amount("10.00").build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.reasons()).containsExactly(PolicyVerdict.NO_EXCHANGE_ASKED);
    }

    @Test
    void aMisspeltExchangeIsRefusedAtItsCellWithTheActionsListed() throws IOException {
        List<List<String>> rows = new ArrayList<>(STARTING_POLICY);
        rows.add(row("Wrong item: swap", "WRONG_ITEM", "", "", "", "", "", "", "true", "true", "true",
                "EXCHANGED", "", "", "typo"));

        List<PolicyProblem> problems = catchThrowableOfType(PolicyCompilationException.class, () -> COMPILER.compile(
                new PolicySource(List.of(guardrails(), new PolicyFile("claims.xlsx", DecisionTableWorkbook.claimsTable(rows))))))
                .problems();

        assertThat(problems).first().satisfies(problem -> {
            assertThat(problem.cell()).isEqualTo("M25");
            assertThat(problem.message()).startsWith("Column 'Action': 'EXCHANGED' is not an action").contains("EXCHANGE,");
        });
    }

    private static PolicyFile guardrails() throws IOException {
        return new PolicyFile("guardrails.drl", Files.readAllBytes(Path.of("rules/guardrails.drl")));
    }
}

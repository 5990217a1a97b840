package io.claimpilot.stock;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.facts.TestFacts;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.PolicyCompiler;
import io.claimpilot.policy.PolicySource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static io.claimpilot.facts.TestFacts.claim;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the warehouse cannot be read, stock is unknown, not zero: the shipped policy must then neither reship nor
 * refund on stock grounds, and the claim goes to a person saying why. Rows that ignore stock still decide.
 */
class UnknownStockPolicyTest {

    private static CompiledPolicy policy;

    @BeforeAll
    static void compileShippedRules() {
        policy = new PolicyCompiler().compile(PolicySource.fromDirectory(Path.of("rules")));
    }

    @Test
    void allItemsInStockIsTrueFalseOrUnknown() {
        ClaimFacts.ItemFact inStock = new ClaimFacts.ItemFact("A", 1, BigDecimal.ONE, 3);
        ClaimFacts.ItemFact short1 = new ClaimFacts.ItemFact("B", 2, BigDecimal.ONE, 1);
        ClaimFacts.ItemFact unknown = new ClaimFacts.ItemFact("C", 1, BigDecimal.ONE, null);
        assertThat(ClaimFacts.allInStock(List.of(inStock))).isTrue();
        assertThat(ClaimFacts.allInStock(List.of(inStock, short1))).isFalse();
        assertThat(ClaimFacts.allInStock(List.of())).isFalse();
        assertThat(ClaimFacts.allInStock(List.of(inStock, unknown))).isNull();
        // An item known to be short decides, whatever the others are.
        assertThat(ClaimFacts.allInStock(List.of(unknown, short1))).isFalse();
    }

    @Test
    void aReturnedParcelWithUnknownStockGoesToAPersonWithTheReason() {
        PolicyVerdict verdict = policy.evaluate(claim("RETURN_SCANNED").amount("30.00").fulfillment("DELIVERED")
                .itemWithUnknownStock("MUG-01", 1).build());
        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.rulesFired()).isEmpty();
        assertThat(verdict.reasons()).containsExactly(PolicyVerdict.NO_RULE_DECIDED, PolicyVerdict.STOCK_UNKNOWN);
    }

    @Test
    void aDamagedItemWithAPhotoIsNotRefundedAsOutOfStockWhenStockIsUnknown() {
        TestFacts damaged = claim("DAMAGED").amount("20.00").fulfillment("DELIVERED").photo(true);
        assertThat(policy.evaluate(damaged.itemWithUnknownStock("MUG-01", 1).build()).action())
                .isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(policy.evaluate(claim("DAMAGED").amount("20.00").fulfillment("DELIVERED").photo(true)
                .item("MUG-01", 1, 0).build()).action()).isEqualTo(DecisionAction.REFUND);
    }

    @Test
    void aLateParcelWithUnknownStockIsNotReshipped() {
        PolicyVerdict verdict = policy.evaluate(claim("NOT_RECEIVED").amount("20.00").fulfillment("FULFILLED")
                .tracking("IN_TRANSIT", 11).itemWithUnknownStock("MUG-01", 1).build());
        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
    }

    @Test
    void aCancellationDoesNotDependOnStock() {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount("20.00")
                .itemWithUnknownStock("MUG-01", 1).build());
        assertThat(verdict.action()).isEqualTo(DecisionAction.REFUND);
    }
}

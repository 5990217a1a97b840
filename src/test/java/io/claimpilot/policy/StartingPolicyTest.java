package io.claimpilot.policy;

import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.TestFacts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;

import static io.claimpilot.facts.TestFacts.claim;
import static org.assertj.core.api.Assertions.assertThat;

/** The shipped rules/ folder, straight on the engine: every row, both sides of every boundary, every guard rail. */
class StartingPolicyTest {

    private static final String CANCEL_REFUND = "Cancelled before shipment, up to the cap: refund";
    private static final String CANCEL_REVIEW = "Cancelled before shipment, above the cap: review";
    private static final String RETURN_RESHIP = "Returned parcel, every item in stock: reship";
    private static final String RETURN_REVIEW = "Returned parcel, an item out of stock: review";
    private static final String DAMAGED_ASK = "Damaged without a photo: ask for one";
    private static final String DAMAGED_RESHIP = "Damaged with a photo, up to the cap, in stock: reship";
    private static final String DAMAGED_REFUND = "Damaged with a photo, up to the cap, out of stock: refund";
    private static final String DAMAGED_REVIEW = "Damaged with a photo, above the cap: review";

    private static CompiledPolicy policy;

    @BeforeAll
    static void compileShippedRules() {
        policy = new PolicyCompiler().compile(PolicySource.fromDirectory(Path.of("rules")));
    }

    @Test
    void everyShippedFileContributesRules() {
        assertThat(policy.fileNames()).containsExactly("claims.xlsx", "guardrails.drl", "non-delivery.xlsx",
                "scenarios/exchanges.csv", "scenarios/fraud-and-delivery.csv", "scenarios/starting-policy.csv");
        assertThat(policy.rulesByFile().get("claims.xlsx")).hasSize(14).contains(CANCEL_REFUND, DAMAGED_REVIEW);
        assertThat(policy.rulesByFile().get("guardrails.drl")).hasSize(5);
        assertThat(policy.rulesByFile().get("non-delivery.xlsx")).hasSize(3);
        assertThat(policy.version()).hasSize(64);
    }

    @ParameterizedTest(name = "cancelled, {0} EUR -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.01| REFUND| " + CANCEL_REFUND,
            "150.00| REFUND| " + CANCEL_REFUND,
            "150.01| HUMAN_REVIEW| " + CANCEL_REVIEW,
            "999.99| HUMAN_REVIEW| " + CANCEL_REVIEW})
    void cancelledBeforeShipmentIsRefundedUpToTheCap(String amount, DecisionAction action, String rule) {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT").amount(amount).build());

        assertThat(verdict.action()).isEqualTo(action);
        assertThat(verdict.rulesFired()).containsExactly(rule);
        assertThat(verdict.policyVersion()).isEqualTo(policy.version());
        if (action == DecisionAction.REFUND) {
            assertThat(verdict.amount().amount()).isEqualByComparingTo(amount);
            assertThat(verdict.amount().currency()).isEqualTo("EUR");
        } else {
            assertThat(verdict.amount()).isNull();
            assertThat(verdict.reasons()).containsExactly("Amount above the 150.00 EUR cap for automatic refunds");
        }
    }

    @Test
    void cancelledAfterShipmentIsNotDecidedByAnyRow() {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT").fulfillment("FULFILLED").build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.rulesFired()).isEmpty();
        assertThat(verdict.reasons()).containsExactly(PolicyVerdict.NO_RULE_DECIDED);
    }

    @Test
    void otherCurrenciesGoToAPerson() {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT").currency("USD").amount("10.00").build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.reasons()).containsExactly(PolicyVerdict.NO_RULE_DECIDED);
    }

    @ParameterizedTest(name = "returned parcel, stock {0} for 1 claimed -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0| HUMAN_REVIEW| " + RETURN_REVIEW,
            "1| RESHIP| " + RETURN_RESHIP,
            "7| RESHIP| " + RETURN_RESHIP})
    void returnedParcelIsReshippedOnlyWhenInStock(int available, DecisionAction action, String rule) {
        PolicyVerdict verdict = policy.evaluate(claim("RETURN_SCANNED").fulfillment("DELIVERED")
                .item("MUG-01", 1, available).build());

        assertThat(verdict.action()).isEqualTo(action);
        assertThat(verdict.rulesFired()).containsExactly(rule);
    }

    @Test
    void returnedParcelNeedsEveryItemInStock() {
        PolicyVerdict verdict = policy.evaluate(claim("RETURN_SCANNED")
                .item("MUG-01", 1, 5).item("TEA-02", 3, 2).build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.rulesFired()).containsExactly(RETURN_REVIEW);
    }

    @Test
    void returnedParcelWithoutItemsIsMissingFactsAndGoesToAPerson() {
        PolicyVerdict verdict = policy.evaluate(claim("RETURN_SCANNED").build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
    }

    @Test
    void damagedWithoutPhotoAsksForOneWithin48Hours() {
        PolicyVerdict verdict = policy.evaluate(claim("DAMAGED").amount("20.00").item("MUG-01", 1, 5).photo(false).build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.REQUEST_EVIDENCE);
        assertThat(verdict.deadline()).isEqualTo(TestFacts.CLAIMED_AT.plusSeconds(48 * 3600));
        assertThat(verdict.messageKey()).isEqualTo("photo-requested");
        assertThat(verdict.rulesFired()).containsExactly(DAMAGED_ASK);
    }

    @ParameterizedTest(name = "damaged with photo, {0} EUR, stock {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "50.00| 1| RESHIP| " + DAMAGED_RESHIP,
            "50.00| 0| REFUND| " + DAMAGED_REFUND,
            "50.01| 1| HUMAN_REVIEW| " + DAMAGED_REVIEW,
            "50.01| 0| HUMAN_REVIEW| " + DAMAGED_REVIEW,
            "0.50| 1| RESHIP| " + DAMAGED_RESHIP})
    void damagedWithPhotoIsHandledUpTo50(String amount, int available, DecisionAction action, String rule) {
        PolicyVerdict verdict = policy.evaluate(claim("DAMAGED").amount(amount).item("MUG-01", 1, available).photo(true).build());

        assertThat(verdict.action()).isEqualTo(action);
        assertThat(verdict.rulesFired()).containsExactly(rule);
        if (action == DecisionAction.REFUND) {
            assertThat(verdict.amount().amount()).isEqualByComparingTo(amount);
        }
    }

    @ParameterizedTest(name = "reason {0} -> human review")
    @CsvSource({"NOT_RECEIVED", "WRONG_ITEM", "OTHER"})
    void reasonsWithoutARowGoToAPerson(String reason) {
        PolicyVerdict verdict = policy.evaluate(claim(reason).amount("10.00").item("MUG-01", 1, 5).photo(true).build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.reasons()).containsExactly(PolicyVerdict.NO_RULE_DECIDED);
    }

    @ParameterizedTest(name = "{0} claims in 30 days -> {1}")
    @CsvSource({"3, REFUND", "4, HUMAN_REVIEW"})
    void velocityGuardRailEscalatesAboveThreeClaimsIn30Days(int claims, DecisionAction action) {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT").claimsLast30Days(claims).build());

        assertThat(verdict.action()).isEqualTo(action);
        if (action == DecisionAction.HUMAN_REVIEW) {
            assertThat(verdict.rulesFired()).containsExactly("Guard rail: more than 3 claims in 30 days", CANCEL_REFUND);
            assertThat(verdict.reasons()).containsExactly(
                    "The customer made 4 claims in the last 30 days (more than 3), counting every account with the same e-mail or address");
        }
    }

    @Test
    void blocklistGuardRailOverridesTheTable() {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT").blocklisted().build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.rulesFired()).first().isEqualTo("Guard rail: customer on the blocklist");
        assertThat(verdict.reasons()).containsExactly("The customer, e-mail or address is on the blocklist: chargeback fraud in 2025");
    }

    @ParameterizedTest(name = "claimed 89.90 with {0} left to refund -> {1}")
    @CsvSource({"89.90, REFUND", "89.89, HUMAN_REVIEW"})
    void refundableBalanceGuardRail(String balance, DecisionAction action) {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT").refundableBalance(balance).build());

        assertThat(verdict.action()).isEqualTo(action);
        if (action == DecisionAction.HUMAN_REVIEW) {
            assertThat(verdict.rulesFired()).first().isEqualTo("Guard rail: claim above the order's refundable balance");
            assertThat(verdict.reasons()).containsExactly(
                    "The claimed 89.90 EUR is more than the 89.89 EUR left to refund on the order");
        }
    }

    @ParameterizedTest(name = "{0} claims by e-mail, {1} by address in 30 days -> {2}")
    @CsvSource({"3, 3, REFUND", "4, 1, HUMAN_REVIEW", "1, 4, HUMAN_REVIEW"})
    void velocityCountsEveryAccountWithTheSameEmailOrAddress(int byEmail, int byAddress, DecisionAction action) {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT")
                .emailClaimsLast30Days(byEmail).addressClaimsLast30Days(byAddress).build());

        assertThat(verdict.action()).isEqualTo(action);
    }

    @ParameterizedTest(name = "{0} EUR refunded to the customer, {1} to the address in 90 days -> {2}")
    @CsvSource({"300.00, 0, REFUND", "300.01, 0, HUMAN_REVIEW", "0, 300.01, HUMAN_REVIEW"})
    void refundedAmountGuardRailEscalatesAbove300In90Days(String byCustomer, String byAddress, DecisionAction action) {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT")
                .refundedLast90Days(byCustomer).addressRefundedLast90Days(byAddress).build());

        assertThat(verdict.action()).isEqualTo(action);
        if (action == DecisionAction.HUMAN_REVIEW) {
            assertThat(verdict.rulesFired()).first().isEqualTo("Guard rail: more than 300 EUR refunded in 90 days");
            assertThat(verdict.reasons().get(0)).contains("300.01 EUR in the last 90 days");
        }
    }

    @Test
    void itemsAlreadyRefundedOrReshippedGoToReviewWithTheEarlierClaim() {
        PolicyVerdict verdict = policy.evaluate(claim("RETURN_SCANNED").item("MUG-01", 1, 5).duplicateOf("cl_earlier").build());

        assertThat(verdict.action()).isEqualTo(DecisionAction.HUMAN_REVIEW);
        assertThat(verdict.reasons()).containsExactly(
                "Items of this claim were already refunded or reshipped for this order by claim cl_earlier (/api/claims/cl_earlier)");
    }

    @ParameterizedTest(name = "not received, tracking {0}, {1} days after shipping, stock {2} -> {3}")
    @CsvSource({
            "DELIVERED,  30, 5, HUMAN_REVIEW",
            "IN_TRANSIT, 10, 5, HUMAN_REVIEW",
            "IN_TRANSIT, 11, 5, RESHIP",
            "UNKNOWN,    11, 0, HUMAN_REVIEW",
            "UNKNOWN,    -1, 5, HUMAN_REVIEW"})
    void nonDeliveryIsReshippedOnlyWhenLateNotDeliveredAndInStock(String tracking, int days, int stock, DecisionAction action) {
        PolicyVerdict verdict = policy.evaluate(claim("NOT_RECEIVED").fulfillment("FULFILLED").item("MUG-01", 1, stock)
                .tracking(tracking, days).build());

        assertThat(verdict.action()).isEqualTo(action);
    }

    @Test
    void guardRailsFireBeforeTheTable() {
        PolicyVerdict verdict = policy.evaluate(claim("ORDER_CANCELLED_BEFORE_SHIPMENT")
                .claimsLast30Days(9).blocklisted().refundableBalance("0.00").build());

        assertThat(verdict.rulesFired()).hasSize(4);
        assertThat(verdict.rulesFired().subList(0, 3)).allMatch(name -> name.startsWith("Guard rail:"));
        assertThat(verdict.rulesFired().get(3)).isEqualTo(CANCEL_REFUND);
        assertThat(verdict.reasons()).hasSize(3);
    }

    @Test
    void sameFactsAndVersionGiveTheSameVerdict() {
        var facts = claim("DAMAGED").amount("12.00").item("MUG-01", 2, 1).photo(true).build();

        assertThat(policy.evaluate(facts)).isEqualTo(policy.evaluate(facts));
    }

    @Test
    void deadlineComesFromTheClaimTimeNotTheWallClock() {
        var facts = claim("DAMAGED").photo(false).build();

        assertThat(policy.evaluate(facts).deadline()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(facts.claimedAmount()).isEqualByComparingTo(BigDecimal.valueOf(89.90));
    }
}

package io.claimpilot.claim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The lifecycle allows exactly the listed transitions. */
class ClaimStatusTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "RECEIVED, REFUND_APPROVED", "RECEIVED, IN_REVIEW", "RECEIVED, CANCELLED",
            "AWAITING_EVIDENCE, RESHIP_APPROVED", "AWAITING_EVIDENCE, IN_REVIEW", "AWAITING_EVIDENCE, CANCELLED",
            "IN_REVIEW, REFUND_APPROVED", "IN_REVIEW, DENIED", "IN_REVIEW, CANCELLED", "IN_REVIEW, AWAITING_EVIDENCE",
            "REFUND_APPROVED, EXECUTING", "RESHIP_APPROVED, EXECUTING",
            "EXECUTING, COMPLETED", "EXECUTING, FAILED", "FAILED, EXECUTING", "FAILED, IN_REVIEW"})
    void allowed(ClaimStatus from, ClaimStatus to) {
        assertThat(from.canMoveTo(to)).isTrue();
    }

    @ParameterizedTest(name = "{0} -/-> {1}")
    @CsvSource({
            "REFUND_APPROVED, CANCELLED", "REFUND_APPROVED, IN_REVIEW", "REFUND_APPROVED, REFUND_APPROVED",
            "IN_REVIEW, IN_REVIEW", "RECEIVED, COMPLETED", "EXECUTING, CANCELLED",
            "COMPLETED, FAILED", "FAILED, COMPLETED"})
    void refused(ClaimStatus from, ClaimStatus to) {
        assertThat(from.canMoveTo(to)).isFalse();
    }

    @Test
    void finalStatusesGoNowhere() {
        for (ClaimStatus status : EnumSet.of(ClaimStatus.DENIED, ClaimStatus.COMPLETED, ClaimStatus.CANCELLED)) {
            assertThat(status.next()).as(status.name()).isEmpty();
        }
    }
}

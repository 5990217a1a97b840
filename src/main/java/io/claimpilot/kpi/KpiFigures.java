package io.claimpilot.kpi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.claimpilot.common.Money;

import java.util.List;

/**
 * The indicators of one set of claims, with the definitions of issue #13 (also in docs/policy-guide.md). Rates are
 * rounded to 4 decimals and are null when their denominator is 0; durations are seconds.
 *
 * @param overridden  agents' resolutions that differ from the policy's proposal (the override rate's numerator)
 * @param resolutions agents' resolutions (its denominator)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KpiFigures(
        long claims,
        long decided,
        long open,
        long automated,
        Double automationRate,
        Double escalationRate,
        Refunds refunds,
        Double refundRate,
        Reshipments reshipments,
        Durations resolutionSeconds,
        Durations firstResponseSeconds,
        long evidenceExpired,
        long fraudHolds,
        Double overrideRate,
        Csat csat,
        List<RuleFigures> rules,
        @JsonIgnore long overridden,
        @JsonIgnore long resolutions) {

    public record Refunds(long count, List<Money> amounts) {
    }

    /** RESHIP decisions; {@code exchanges} counts the EXCHANGE decisions, which ship another variant. */
    public record Reshipments(long count, long exchanges) {

        public Reshipments(long count) {
            this(count, 0);
        }
    }

    /** Median and 90th percentile (continuous, interpolated), null when nothing was measured. */
    public record Durations(Double median, Double p90) {
    }

    public record Csat(long responses, long satisfied, Double score) {
    }

    /** How many final decisions a rule made (the last rule fired), and how many of those agents flagged wrong. */
    public record RuleFigures(String rule, long decided, long flaggedWrong) {
    }
}

package io.claimpilot.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.claimpilot.decision.Cohort;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The pilot cohort against the control for four proportions: the difference (pilot minus control), its 95 %
 * confidence interval (normal approximation, unpooled standard error) and the two-sided p-value of the two-proportion
 * z-test (pooled). Below {@link #MINIMUM} observations in either cohort the figures would mislead, so they are left
 * out and {@code notEnoughData} says why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CohortComparison(boolean notEnoughData, long pilotDecided, long controlDecided,
                               Proportion automationRate, Proportion refundRate, Proportion overrideRate,
                               Proportion csat) {

    public static final int MINIMUM = 30;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);
    private static final double Z_95 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

    /**
     * @param pilotN, controlN the denominators: decisions, agents' resolutions or CSAT answers
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Proportion(Double pilot, Double control, long pilotN, long controlN, boolean notEnoughData,
                             Double difference, Interval ci95, Double pValue) {
    }

    public record Interval(double low, double high) {
    }

    static CohortComparison of(List<KpiReport.Group> groups) {
        KpiFigures pilot = figuresOf(groups, Cohort.PILOT.name());
        KpiFigures control = figuresOf(groups, Cohort.CONTROL.name());
        boolean notEnough = pilot == null || control == null || pilot.decided() < MINIMUM || control.decided() < MINIMUM;
        return new CohortComparison(notEnough, pilot == null ? 0 : pilot.decided(), control == null ? 0 : control.decided(),
                proportion(pilot, control, KpiFigures::automated, KpiFigures::decided),
                proportion(pilot, control, f -> f.refunds().count(), KpiFigures::decided),
                proportion(pilot, control, KpiFigures::overridden, KpiFigures::resolutions),
                proportion(pilot, control, f -> f.csat().satisfied(), f -> f.csat().responses()));
    }

    private static KpiFigures figuresOf(List<KpiReport.Group> groups, String key) {
        return groups.stream().filter(g -> g.key().equals(key)).map(KpiReport.Group::figures).findFirst().orElse(null);
    }

    private static Proportion proportion(KpiFigures pilot, KpiFigures control,
                                         ToLongFunction<KpiFigures> successes, ToLongFunction<KpiFigures> trials) {
        long x1 = pilot == null ? 0 : successes.applyAsLong(pilot);
        long n1 = pilot == null ? 0 : trials.applyAsLong(pilot);
        long x2 = control == null ? 0 : successes.applyAsLong(control);
        long n2 = control == null ? 0 : trials.applyAsLong(control);
        Double p1 = Kpis.rate(x1, n1);
        Double p2 = Kpis.rate(x2, n2);
        if (n1 < MINIMUM || n2 < MINIMUM) {
            return new Proportion(p1, p2, n1, n2, true, null, null, null);
        }
        double r1 = (double) x1 / n1;
        double r2 = (double) x2 / n2;
        double difference = r1 - r2;
        double standardError = Math.sqrt(r1 * (1 - r1) / n1 + r2 * (1 - r2) / n2);
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double pooledError = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        // Both cohorts all-or-nothing: no variation at all, and no evidence of a difference either.
        double pValue = pooledError == 0 ? 1.0 : 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(difference / pooledError));
        return new Proportion(p1, p2, n1, n2, false, round(difference, 4),
                new Interval(round(difference - Z_95 * standardError, 4), round(difference + Z_95 * standardError, 4)),
                round(pValue, 6));
    }

    private static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}

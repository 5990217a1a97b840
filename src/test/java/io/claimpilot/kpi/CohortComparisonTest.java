package io.claimpilot.kpi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The pilot-versus-control statistics against reference values: R's {@code prop.test(c(120, 100), c(200, 200),
 * correct = FALSE)} gives p = 0.04442 and the Wald interval of the difference is 0.1 ± 1.96 × 0.0495.
 */
class CohortComparisonTest {

    @Test
    void aTenPointDifferenceOn200ClaimsEachIsJustSignificant() {
        CohortComparison comparison = CohortComparison.of(List.of(
                group("PILOT", 200, 120, 80, 40, 4, 50, 45),
                group("CONTROL", 200, 100, 100, 40, 10, 50, 40)));

        assertThat(comparison.notEnoughData()).isFalse();
        CohortComparison.Proportion automation = comparison.automationRate();
        assertThat(automation.pilot()).isEqualTo(0.6);
        assertThat(automation.control()).isEqualTo(0.5);
        assertThat(automation.difference()).isEqualTo(0.1);
        assertThat(automation.ci95().low()).isEqualTo(0.0030);
        assertThat(automation.ci95().high()).isEqualTo(0.1970);
        assertThat(automation.pValue()).isCloseTo(0.044423, within(0.000001));

        assertThat(comparison.refundRate().difference()).isEqualTo(-0.1);
        assertThat(comparison.overrideRate().difference()).isEqualTo(-0.15);
        assertThat(comparison.csat().pilot()).isEqualTo(0.9);
        assertThat(comparison.csat().pValue()).isLessThan(0.2);
    }

    @Test
    void identicalCohortsShowNoDifference() {
        CohortComparison comparison = CohortComparison.of(List.of(
                group("PILOT", 100, 100, 0, 30, 0, 30, 30),
                group("CONTROL", 100, 100, 0, 30, 0, 30, 30)));

        assertThat(comparison.automationRate().difference()).isEqualTo(0.0);
        assertThat(comparison.automationRate().pValue()).isEqualTo(1.0);
        assertThat(comparison.automationRate().ci95().low()).isEqualTo(0.0);
    }

    @Test
    void fewerThan30DecisionsInACohortIsNotEnoughData() {
        CohortComparison comparison = CohortComparison.of(List.of(
                group("PILOT", 29, 20, 10, 0, 0, 0, 0),
                group("CONTROL", 300, 100, 100, 40, 10, 50, 40)));

        assertThat(comparison.notEnoughData()).isTrue();
        assertThat(comparison.automationRate().notEnoughData()).isTrue();
        assertThat(comparison.automationRate().pilot()).isEqualTo(0.6897);
        assertThat(comparison.automationRate().pValue()).isNull();
        assertThat(comparison.automationRate().ci95()).isNull();
        assertThat(comparison.csat().notEnoughData()).isTrue();
    }

    @Test
    void withoutAPilotThereIsNothingToCompare() {
        CohortComparison comparison = CohortComparison.of(List.of(group("NONE", 500, 400, 100, 0, 0, 0, 0)));

        assertThat(comparison.notEnoughData()).isTrue();
        assertThat(comparison.pilotDecided()).isZero();
    }

    private static KpiReport.Group group(String key, long decided, long automated, long refunds, long resolutions,
                                         long overridden, long csatResponses, long satisfied) {
        return new KpiReport.Group(key, new KpiFigures(decided, decided, 0, automated, Kpis.rate(automated, decided),
                null, new KpiFigures.Refunds(refunds, List.of()), Kpis.rate(refunds, decided),
                new KpiFigures.Reshipments(0), null, null, 0, 0, Kpis.rate(overridden, resolutions),
                new KpiFigures.Csat(csatResponses, satisfied, Kpis.rate(satisfied, csatResponses)), List.of(),
                overridden, resolutions));
    }
}

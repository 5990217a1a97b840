package io.claimpilot.policy;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

/**
 * How far one evaluation may go before the claim is handed to a person: a number of rule firings and a time. A rule
 * that re-triggers itself (a {@code modify} or {@code update} of the claim, a helper fact inserted again and again)
 * would otherwise spin for ever on a request thread, inside intake's transaction and under the order's lock.
 *
 * @param maxFirings the most rules one claim may fire; one more and the evaluation stops
 * @param timeout    the longest one evaluation may take; the watchdog then halts its session between two firings
 */
public record EvaluationLimits(int maxFirings, Duration timeout) {

    public static final String MAX_FIRINGS = "claimpilot.policy.max-firings";
    public static final String TIMEOUT = "claimpilot.policy.evaluation-timeout";
    public static final EvaluationLimits DEFAULT = new EvaluationLimits(1000, Duration.ofMillis(200));

    public EvaluationLimits {
        if (maxFirings < 1) {
            throw new IllegalArgumentException(MAX_FIRINGS + " must be at least 1, not " + maxFirings);
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(TIMEOUT + " must be a positive duration, not " + timeout);
        }
    }

    /**
     * The configured limits, or the defaults where nothing is configured. Read from MicroProfile Config rather than
     * injected, because policies are compiled and their scenarios run by plain Java too (the offline validator, the
     * benchmarks), and every compiled version must carry the limits the service runs with.
     */
    static EvaluationLimits configured() {
        Config config;
        try {
            config = ConfigProvider.getConfig();
        } catch (IllegalStateException noConfigHere) {
            return DEFAULT;
        }
        return new EvaluationLimits(
                config.getOptionalValue(MAX_FIRINGS, Integer.class).orElse(DEFAULT.maxFirings()),
                config.getOptionalValue(TIMEOUT, Duration.class).orElse(DEFAULT.timeout()));
    }
}

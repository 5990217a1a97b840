package io.claimpilot.policy;

import io.claimpilot.facts.ClaimFacts;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a decision table's generated amount conditions ({@code claimedAmount > 150.00},
 * {@code claimedAmount <= 150.00}) into whole-number comparisons with {@link ClaimFacts#claimedAmountTenThousandths()}.
 * Why: the classic build coerces the BigDecimal literal on every evaluation, and a big table evaluates about a hundred
 * of these per claim; a primitive comparison is several times cheaper and Drools indexes it. Analysts' sheets do not
 * change, the generated DRL keeps its line numbers (so errors still map to cells), and the result is exact: only
 * {@code >} and {@code <=} against a plain literal with at most four decimals, standing alone as a constraint of the
 * pattern, are rewritten, for which
 * "rounded-up ten-thousandths > c" equals "amount > c". Anything else is left as the BigDecimal comparison it was.
 * Money is never converted to a double.
 */
final class AmountConstraints {

    /** The field, not preceded by a name character or a dot, an operator, and a plain decimal literal. */
    private static final Pattern AMOUNT_CONDITION =
            Pattern.compile("(?<![\\w.$])claimedAmount\\s*(>|<=)\\s*(-?\\d{1,15}(?:\\.\\d+)?)(?![\\w.])");

    private AmountConstraints() {
    }

    static String rewrite(String drl) {
        Matcher matcher = AMOUNT_CONDITION.matcher(drl);
        StringBuilder out = new StringBuilder(drl.length() + 64);
        while (matcher.find()) {
            Long tenThousandths = tenThousandths(matcher.group(2));
            // Only whole constraints: inside an expression ("a || b", "claimedAmount <= 5 || > 10") the condition stays.
            String replacement = tenThousandths == null || !standsAlone(drl, matcher) ? matcher.group()
                    : matcher.group(1).equals("<=") ? "claimedAmountTenThousandths <= " + tenThousandths
                    // Without an amount the BigDecimal comparison is false; the accessor then gives Long.MAX_VALUE, so
                    // "above" needs this guard. It comes before the band's range-indexed check, where Drools shares it.
                    : "claimedAmount != null, claimedAmountTenThousandths > " + tenThousandths;
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The condition is a whole constraint of its pattern: "Fact(" or "," before it, "," or ")" after it. */
    private static boolean standsAlone(String drl, Matcher matcher) {
        int before = matcher.start() - 1;
        while (before >= 0 && Character.isWhitespace(drl.charAt(before))) {
            before--;
        }
        int after = matcher.end();
        while (after < drl.length() && Character.isWhitespace(drl.charAt(after))) {
            after++;
        }
        boolean opensPattern = before > 0 && drl.charAt(before) == '(' && Character.isJavaIdentifierPart(drl.charAt(before - 1))
                && Character.isUpperCase(drl.charAt(typeNameStart(drl, before - 1))); // ClaimFacts(, not eval(
        boolean followsComma = before >= 0 && drl.charAt(before) == ',';
        return (opensPattern || followsComma) && after < drl.length() && (drl.charAt(after) == ',' || drl.charAt(after) == ')');
    }

    private static int typeNameStart(String drl, int last) {
        int start = last;
        while (start > 0 && Character.isJavaIdentifierPart(drl.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    /** The literal in ten-thousandths, or null when that is not exact (more than four decimals). */
    private static Long tenThousandths(String literal) {
        try {
            long value = new BigDecimal(literal).movePointRight(ClaimFacts.AMOUNT_SCALE).longValueExact();
            // The accessor clamps amounts beyond a long to these two values, so they cannot be compared exactly.
            return value == Long.MAX_VALUE || value == Long.MIN_VALUE ? null : value;
        } catch (ArithmeticException e) {
            return null;
        }
    }
}

package io.claimpilot.policy;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rewrites the Drools compiler's messages into words an analyst can act on. */
final class PlainMessages {

    private record Rewrite(Pattern pattern, Function<Matcher, String> text) {
    }

    private static final List<Rewrite> REWRITES = List.of(
            new Rewrite(Pattern.compile("unable to resolve method using strict-mode: [\\w.]*ClaimFacts\\.(\\w+)\\(\\)"),
                    m -> "'" + m.group(1) + "' is not a fact of a claim; check the spelling, or put text values in quotes"),
            new Rewrite(Pattern.compile("Unable to resolve ObjectType '(\\w+)'"),
                    m -> "'" + m.group(1) + "' is not a known fact type; conditions are written on ClaimFacts"),
            new Rewrite(Pattern.compile("\\[ERR \\d+\\] Line \\d+:(\\d+) (.*?)(?: in rule \"([^\"]*)\")?$"),
                    m -> "Syntax error" + (m.group(3) == null ? "" : " in rule '" + m.group(3) + "'") + ", column "
                            + m.group(1) + ": " + m.group(2)),
            new Rewrite(Pattern.compile("Duplicate rule name: (.*)"),
                    m -> "The rule name '" + m.group(1).strip() + "' is used twice (duplicate rule name); every rule needs its own name"));

    private PlainMessages() {
    }

    /** The message of the deepest cause: what actually went wrong, without the wrapping. */
    static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
    }

    static String of(String droolsMessage) {
        String firstLine = droolsMessage == null ? "Unknown problem" : droolsMessage.strip().lines().findFirst().orElse("Unknown problem");
        String flat = droolsMessage == null ? firstLine : droolsMessage.replaceAll("\\s+", " ").strip();
        for (Rewrite rewrite : REWRITES) {
            Matcher matcher = rewrite.pattern().matcher(flat);
            if (matcher.find()) {
                return rewrite.text().apply(matcher);
            }
        }
        return firstLine;
    }
}

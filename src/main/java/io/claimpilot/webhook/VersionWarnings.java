package io.claimpilot.webhook;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API versions of one provider's deliveries already warned about: each version other than the targeted one is
 * warned about once. A version is the sender's text, so only a well-formed one is ever written to the log, and at
 * most {@value #MAX_REMEMBERED} are remembered (providers have a handful a year; this only bounds a misbehaving sender).
 */
final class VersionWarnings {

    private static final int MAX_REMEMBERED = 50;

    private final Pattern wellFormed;
    private final String unrecognised;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** @param unrecognised what the log shows instead of a version that is not {@code wellFormed} */
    VersionWarnings(Pattern wellFormed, String unrecognised) {
        this.wellFormed = wellFormed;
        this.unrecognised = unrecognised;
    }

    /** The version as the log may show it, when it differs from {@code targeted} and is new; otherwise null. */
    String firstOther(String version, String targeted) {
        if (version == null || version.equals(targeted)) {
            return null;
        }
        String shown = wellFormed.matcher(version).matches() ? version : unrecognised;
        return warned.size() < MAX_REMEMBERED && warned.add(shown) ? shown : null;
    }
}

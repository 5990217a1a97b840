package io.claimpilot.security;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * The last line of defence for logs: masks e-mail addresses, bearer tokens, API keys and payment references in
 * every message, whatever logged it, and in the logged exception: its message, its causes' and its suppressed
 * exceptions' messages (the stack frames stay, they name code, not people). Our own code logs ids and amounts only.
 *
 * <p>Every handler names this filter (application.properties: console, file, syslog, socket), so what reaches a file
 * or a log server is redacted whichever handler sees the record first. A record is rewritten in place, and the
 * rewrite is idempotent.
 */
@LoggingFilter(name = "redact")
public final class RedactingLogFilter implements Filter {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)\\S+");
    private static final Pattern KEY = Pattern.compile("\\b(demo-\\w+-key|sk_(live|test)_\\w+|shpat_\\w+|rk_\\w+)\\b");
    private static final Pattern PAYMENT = Pattern.compile("\\b(pi|ch|py|re|cs)_[A-Za-z0-9]{3,}\\b");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            String message = ext.getFormattedMessage();
            String redacted = redact(message);
            if (redacted != null && !redacted.equals(message)) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
                ext.setParameters(null);
            }
        } else if (record.getMessage() != null) {
            record.setMessage(redact(record.getMessage()));
        }
        if (record.getThrown() != null && !(record.getThrown() instanceof RedactedThrowable)) {
            record.setThrown(RedactedThrowable.of(record.getThrown(), Collections.newSetFromMap(new IdentityHashMap<>())));
        }
        return true;
    }

    /**
     * A logged exception with its messages redacted: it prints as the original (class name, redacted message, the
     * same stack frames, causes and suppressed exceptions), so a stack trace reads as before, minus the data.
     */
    static final class RedactedThrowable extends Throwable {

        private final String originalClass;

        private RedactedThrowable(Throwable original, Throwable cause) {
            super(redact(original.getMessage()), cause, true, true);
            this.originalClass = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        static RedactedThrowable of(Throwable original, java.util.Set<Throwable> seen) {
            seen.add(original);
            Throwable cause = original.getCause() == null || seen.contains(original.getCause()) ? null
                    : of(original.getCause(), seen);
            RedactedThrowable redacted = new RedactedThrowable(original, cause);
            for (Throwable suppressed : original.getSuppressed()) {
                if (!seen.contains(suppressed)) {
                    redacted.addSuppressed(of(suppressed, seen));
                }
            }
            return redacted;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }

    public static String redact(String message) {
        if (message == null) {
            return null;
        }
        String redacted = EMAIL.matcher(message).replaceAll("[email]");
        redacted = BEARER.matcher(redacted).replaceAll("$1[key]");
        redacted = KEY.matcher(redacted).replaceAll("[key]");
        return PAYMENT.matcher(redacted).replaceAll("[payment]");
    }
}

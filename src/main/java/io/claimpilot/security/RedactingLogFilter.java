package io.claimpilot.security;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/**
 * The last line of defence for logs: masks e-mail addresses, bearer tokens, API keys and payment references in
 * every message, whatever logged it. Our own code logs ids and amounts only.
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
        }
        return true;
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

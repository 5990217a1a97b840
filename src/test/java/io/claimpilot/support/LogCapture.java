package io.claimpilot.support;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The log records one class writes while a test runs, formatted as the service's log shows them: attach with
 * {@link #of}, act, {@link #close}, then read {@link #messages}.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final String loggerName;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(String loggerName) {
        this.loggerName = loggerName;
        setLevel(Level.ALL);
    }

    public static LogCapture of(Class<?> logger) {
        LogCapture capture = new LogCapture(logger.getName());
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        if (loggerName.equals(record.getLoggerName())) {
            messages.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : new SimpleFormatter().formatMessage(record));
        }
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}

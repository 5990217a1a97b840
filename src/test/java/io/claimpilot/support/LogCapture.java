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
 * The messages one logger writes at or above a level while a test runs: {@code try (LogCapture warnings =
 * LogCapture.of(SomeClass.class, Level.WARNING)) { … }}, then {@link #messages()}. Quarkus routes JBoss Logging
 * through JUL, so a handler on the logger sees what the class logs.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level threshold;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger, Level threshold) {
        this.logger = logger;
        this.threshold = threshold;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Everything the class logs. */
    public static LogCapture of(Class<?> loggingClass) {
        return of(loggingClass, Level.ALL);
    }

    public static LogCapture of(Class<?> loggingClass, Level threshold) {
        return new LogCapture(Logger.getLogger(loggingClass.getName()), threshold);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= threshold.intValue()) {
            records.add(record);
        }
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The captured messages with their parameters filled in. */
    public List<String> messages() {
        SimpleFormatter formatter = new SimpleFormatter();
        return records.stream()
                .map(record -> record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : formatter.formatMessage(record))
                .toList();
    }

    @Override
    public void flush() {
    }

    /** Detaches from the logger. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}

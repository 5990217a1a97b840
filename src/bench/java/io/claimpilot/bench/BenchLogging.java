package io.claimpilot.bench;

import org.jboss.logmanager.LogContext;

import java.util.logging.Level;

/**
 * Log levels as the service runs with them (application.properties: root INFO, org.drools and org.kie WARN).
 * Outside a started Quarkus application, Quarkus' initial log configuration leaves the root logger at ALL while it
 * waits for the runtime configuration, so Drools would format a TRACE line for every inserted fact and the
 * benchmarks would measure logging instead of rules.
 */
public final class BenchLogging {

    private BenchLogging() {
    }

    public static void likeTheService() {
        LogContext context = LogContext.getLogContext();
        context.getLogger("").setLevel(Level.INFO);
        context.getLogger("org.drools").setLevel(Level.WARNING);
        context.getLogger("org.kie").setLevel(Level.WARNING);
    }
}

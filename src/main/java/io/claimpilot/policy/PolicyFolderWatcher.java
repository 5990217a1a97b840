package io.claimpilot.policy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the rules folder (and its scenarios) and reloads the policy after a save. Editors write a file in
 * several steps, so it waits for a quiet moment before reading.
 */
@ApplicationScoped
public class PolicyFolderWatcher {

    private static final Logger LOG = Logger.getLogger(PolicyFolderWatcher.class);
    private static final long QUIET_MILLIS = 300;

    /** Off unless configured (application.properties turns it on in demo and dev): a save skips review and a second person. */
    @ConfigProperty(name = "claimpilot.policy.watch-folder", defaultValue = "false")
    boolean enabled;
    @Inject
    PolicyFolder folder;

    private WatchService watcher;
    private Thread thread;

    void onStart(@Observes @Priority(20) StartupEvent event) throws IOException {
        if (!enabled) {
            return;
        }
        Path directory = folder.directory();
        watcher = directory.getFileSystem().newWatchService();
        register(directory);
        if (Files.isDirectory(directory.resolve(PolicySource.SCENARIOS))) {
            register(directory.resolve(PolicySource.SCENARIOS));
        }
        thread = new Thread(this::watch, "rules-folder-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void register(Path path) throws IOException {
        path.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                drain(key);
                // Let the editor finish writing: wait until nothing changes for a moment.
                WatchKey next;
                while ((next = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(next);
                }
                try {
                    folder.reload();
                } catch (RuntimeException e) {
                    LOG.error("Reloading the rules folder failed; the active policy keeps running", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }
}

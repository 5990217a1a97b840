package io.claimpilot.message;

import io.claimpilot.action.MessageSituation;

import io.claimpilot.policy.PolicyProblem;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The customer message templates in use: those of {@code messages/} in the rules folder, loaded at start-up and
 * again whenever a file there changes. An edit with a problem is reported and leaves the last good templates running;
 * at start-up a template with a problem stops the service, as a rule that does not compile does.
 */
@ApplicationScoped
public class MessageTemplates {

    private static final Logger LOG = Logger.getLogger(MessageTemplates.class);

    @ConfigProperty(name = "claimpilot.rules.directory")
    Path directory;
    @ConfigProperty(name = "claimpilot.rules.watch", defaultValue = "true")
    boolean watch;

    private volatile MessageTemplateSet current = MessageTemplateSet.EMPTY;
    private volatile List<PolicyProblem> problems = List.of();
    private volatile String loadedFingerprint;

    void onStart(@Observes @Priority(15) StartupEvent event) {
        String fingerprint = fingerprint();
        MessageTemplateSet.Loaded loaded = MessageTemplateSet.load(directory);
        if (loaded.hasErrors()) {
            throw new IllegalStateException("The message templates in " + directory.resolve(MessageTemplateSet.FOLDER)
                    .toAbsolutePath() + " have problems:\n" + text(loaded.problems()));
        }
        use(loaded, fingerprint);
        LOG.infof("Message templates loaded: %s", current.languages());
    }

    /**
     * Loads the templates again. Returns what is wrong with the folder; when something is, the templates in use stay.
     */
    public synchronized List<PolicyProblem> reload() {
        String fingerprint = fingerprint();
        MessageTemplateSet.Loaded loaded = MessageTemplateSet.load(directory);
        if (loaded.hasErrors()) {
            LOG.errorf("The edited message templates have problems; the last good ones keep running:%n%s", text(loaded.problems()));
            problems = loaded.problems();
            loadedFingerprint = fingerprint;
            return loaded.problems();
        }
        use(loaded, fingerprint);
        LOG.infof("Message templates reloaded: %s", current.languages());
        return loaded.problems();
    }

    /**
     * Reloads after a save. The folder is polled rather than watched: a WatchService does not follow subfolders, and
     * a template edit can wait a couple of seconds.
     */
    @Scheduled(every = "{claimpilot.messages.check-every}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reloadWhenChanged() {
        if (watch && !fingerprint().equals(loadedFingerprint)) {
            reload();
        }
    }

    public MessageTemplateSet current() {
        return current;
    }

    /** The problems found when the folder was last read (warnings only while the templates in use are its own). */
    public List<PolicyProblem> problems() {
        return problems;
    }

    public RenderedMessage render(MessageSituation situation, MessageValues values, String customerLocale) {
        return current.render(situation, values, customerLocale);
    }

    private void use(MessageTemplateSet.Loaded loaded, String fingerprint) {
        current = loaded.templates();
        problems = loaded.problems();
        loadedFingerprint = fingerprint;
    }

    /** Names, sizes and modification times of everything under messages/: any save changes it. */
    private String fingerprint() {
        Path messages = directory.resolve(MessageTemplateSet.FOLDER);
        if (!Files.isDirectory(messages)) {
            return "";
        }
        try (Stream<Path> paths = Files.walk(messages)) {
            return paths.sorted().map(path -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    return messages.relativize(path) + ":" + attributes.size() + ":" + attributes.lastModifiedTime().toMillis();
                } catch (IOException e) {
                    return messages.relativize(path) + ":gone";
                }
            }).collect(Collectors.joining("\n"));
        } catch (IOException | UncheckedIOException e) {
            return "unreadable";
        }
    }

    private static String text(List<PolicyProblem> problems) {
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}

package io.claimpilot.policy;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rules folder analysts edit. At start-up and on every save it becomes a version; a new valid version is
 * activated unless auto-activation is off. An invalid edit leaves the active version running and logs the report.
 * At start-up, a folder that does not compile stops the service, naming the file and line or cell.
 */
@ApplicationScoped
public class PolicyFolder {

    static final String AUTHOR = "system:rules-folder";
    private static final Logger LOG = Logger.getLogger(PolicyFolder.class);

    @ConfigProperty(name = "claimpilot.rules.directory")
    Path directory;
    @ConfigProperty(name = "claimpilot.rules.auto-activate", defaultValue = "true")
    boolean autoActivate;

    @Inject
    PolicyVersions versions;
    @Inject
    PolicyEngine engine;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("The rules folder " + directory.toAbsolutePath() + " does not exist");
        }
        PolicyVersions.Proposal proposal = propose();
        Optional<String> active = versions.activeInDatabase();
        if (!proposal.stored()) {
            if (proposal.report().problems().stream().anyMatch(p -> p.severity() == PolicyProblem.Severity.ERROR) || active.isEmpty()) {
                throw new IllegalStateException("The policy in " + directory.toAbsolutePath() + " is not valid:\n"
                        + proposal.report().toText());
            }
            LOG.errorf("The policy in %s is not valid; version %s stays active:%n%s", directory, active.get(), proposal.report().toText());
        } else if (active.isEmpty() || proposal.created() && autoActivate) {
            versions.activate(proposal.report().version(), AUTHOR);
        }
        versions.activeInDatabase().ifPresent(hash -> engine.activate(engine.version(hash)));
        LOG.infof("Policy %s active: %s", engine.active().version().substring(0, 12), engine.active().fileNames());
    }

    /** Called when a file in the folder changes. */
    public void reload() {
        PolicyVersions.Proposal proposal = propose();
        if (!proposal.stored()) {
            LOG.errorf("The edited policy in %s is not valid; the active version keeps running:%n%s", directory,
                    proposal.report().toText());
        } else if (proposal.created() && autoActivate) {
            versions.activate(proposal.report().version(), AUTHOR);
        } else if (proposal.created()) {
            LOG.infof("Stored policy %s from %s; activate it through the API", proposal.report().version().substring(0, 12), directory);
        }
    }

    Path directory() {
        return directory;
    }

    private PolicyVersions.Proposal propose() {
        return versions.propose(PolicySource.fromDirectory(directory), AUTHOR, "Saved in the rules folder", "FOLDER");
    }
}

package io.claimpilot.policy;

import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the active policy version and evaluates claims with it. The rules folder is compiled at start-up;
 * if it does not compile, the service does not start. Older versions are compiled again on demand from the
 * store, so a claim can always be re-evaluated with the version that first decided it.
 */
@ApplicationScoped
public class PolicyEngine {

    private static final Logger LOG = Logger.getLogger(PolicyEngine.class);
    private static final int CACHED_VERSIONS = 8;

    @ConfigProperty(name = "claimpilot.rules.directory")
    Path rulesDirectory;

    @Inject
    PolicyStore store;

    private final PolicyCompiler compiler = new PolicyCompiler();
    private final AtomicReference<CompiledPolicy> active = new AtomicReference<>();
    private final Map<String, CompiledPolicy> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
                    return size() > CACHED_VERSIONS;
                }
            });

    void onStart(@Observes StartupEvent event) {
        if (!Files.isDirectory(rulesDirectory)) {
            throw new IllegalStateException("The rules folder " + rulesDirectory.toAbsolutePath() + " does not exist");
        }
        PolicySource source = PolicySource.fromDirectory(rulesDirectory);
        CompiledPolicy compiled = compiler.compile(source);
        store.saveIfAbsent(source, compiled, "system:rules-folder", "Loaded from " + rulesDirectory);
        activate(compiled);
        LOG.infof("Policy %s active: %d rules from %s", compiled.version().substring(0, 12),
                compiled.ruleNames().size(), compiled.fileNames());
    }

    public CompiledPolicy active() {
        CompiledPolicy policy = active.get();
        if (policy == null) {
            throw new IllegalStateException("No policy is active yet");
        }
        return policy;
    }

    public PolicyVerdict evaluate(ClaimFacts facts) {
        return active().evaluate(facts);
    }

    /** A given version: the active one, a recently used one, or compiled again from the store. */
    public CompiledPolicy version(String hash) {
        CompiledPolicy current = active();
        if (current.version().equals(hash)) {
            return current;
        }
        CompiledPolicy cached = recent.get(hash);
        if (cached != null) {
            return cached;
        }
        PolicySource source = store.load(hash)
                .orElseThrow(() -> new IllegalStateException("Policy version " + hash + " is not stored"));
        CompiledPolicy compiled = compiler.compile(source);
        recent.put(hash, compiled);
        return compiled;
    }

    void activate(CompiledPolicy policy) {
        CompiledPolicy previous = active.getAndSet(policy);
        if (previous != null) {
            recent.put(previous.version(), previous);
        }
    }
}

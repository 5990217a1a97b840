package io.claimpilot.policy;

import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the active policy version and evaluates claims with it. Activation is an atomic swap of one reference:
 * an evaluation that started keeps the version it started with, and every decision records its version.
 * A few recent versions stay compiled for re-evaluation and quick rollback; older ones are compiled again on
 * demand from the store, so memory does not grow with the number of activations.
 */
@ApplicationScoped
public class PolicyEngine {

    static final int CACHED_VERSIONS = 8;

    private final PolicyCompiler compiler = new PolicyCompiler();
    private final AtomicReference<CompiledPolicy> active = new AtomicReference<>();
    private final Map<String, CompiledPolicy> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
                    return size() > CACHED_VERSIONS;
                }
            });

    public CompiledPolicy active() {
        CompiledPolicy policy = active.get();
        if (policy == null) {
            throw new IllegalStateException("No policy is active yet");
        }
        return policy;
    }

    public boolean hasActive() {
        return active.get() != null;
    }

    public PolicyVerdict evaluate(ClaimFacts facts) {
        return active().evaluate(facts);
    }

    /** A given version: the active one, a recently used one, or compiled again from the store. */
    public CompiledPolicy version(String hash) {
        CompiledPolicy current = active.get();
        if (current != null && current.version().equals(hash)) {
            return current;
        }
        CompiledPolicy cached = recent.get(hash);
        if (cached != null) {
            return cached;
        }
        PolicySource source = QuarkusTransaction.requiringNew().call(() -> PolicyFileRecord.sourceOf(hash))
                .orElseThrow(() -> new IllegalStateException("Policy version " + hash + " is not stored"));
        CompiledPolicy compiled = compiler.compile(source);
        recent.put(hash, compiled);
        return compiled;
    }

    /** Keeps a freshly validated version compiled, so activating it is instant. */
    void remember(CompiledPolicy policy) {
        recent.put(policy.version(), policy);
    }

    void activate(CompiledPolicy policy) {
        CompiledPolicy previous = active.getAndSet(policy);
        if (previous != null && previous != policy) {
            recent.put(previous.version(), previous);
        }
    }

    int cachedVersions() {
        return recent.size();
    }
}

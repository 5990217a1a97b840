package io.claimpilot.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Optional;

/** Keeps every policy version that ever decided a claim, so any of them can be compiled again. */
@ApplicationScoped
public class PolicyStore {

    @Inject
    Clock clock;

    @Transactional
    public void saveIfAbsent(PolicySource source, CompiledPolicy compiled, String author, String comment) {
        if (PolicyVersionRecord.findById(compiled.version()) != null) {
            return;
        }
        PolicyVersionRecord version = new PolicyVersionRecord();
        version.hash = compiled.version();
        version.author = author;
        version.comment = comment;
        version.createdAt = clock.instant();
        version.ruleNames = compiled.ruleNames();
        version.persist();
        for (PolicyFile file : source.files()) {
            PolicyFileRecord record = new PolicyFileRecord();
            record.versionHash = version.hash;
            record.name = file.name();
            record.content = file.content();
            record.persist();
        }
    }

    @Transactional
    public Optional<PolicySource> load(String hash) {
        var files = PolicyFileRecord.forVersion(hash).stream().map(f -> new PolicyFile(f.name, f.content)).toList();
        return files.isEmpty() ? Optional.empty() : Optional.of(new PolicySource(files));
    }
}

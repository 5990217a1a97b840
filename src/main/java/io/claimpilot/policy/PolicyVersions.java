package io.claimpilot.policy;

import io.claimpilot.decision.PolicyVerdict;

import io.claimpilot.common.ApiProblem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The policy lifecycle: validate and store immutable versions, activate one (an atomic swap in every replica),
 * roll back by activating an older one. A version that fails validation is never stored and never activated.
 */
@ApplicationScoped
public class PolicyVersions {

    private static final Logger LOG = Logger.getLogger(PolicyVersions.class);

    @Inject
    PolicyEngine engine;
    @Inject
    Clock clock;
    /** Two-person activation: the analyst who uploaded a version cannot activate it alone. */
    @ConfigProperty(name = "claimpilot.policy.activation.second-person", defaultValue = "true")
    boolean secondPerson;

    public static final int MAX_COMMENT = 2000;
    /** Rules named so only send claims to a person; removing one lets claims through that a person saw before. */
    public static final String GUARD_RAIL_PREFIX = PolicyVerdict.GUARD_RAIL_PREFIX;

    private final PolicyValidator validator = new PolicyValidator();

    /** The outcome of a proposed version: its report, and whether it is now stored (new or already known). */
    public record Proposal(ValidationReport report, boolean stored, boolean created) {
    }

    /** Validates files and stores them as a new inactive version; an invalid set is reported and not stored. */
    public Proposal propose(PolicySource source, String author, String comment, String origin) {
        String hash = source.hash();
        Optional<ValidationReport> known = QuarkusTransaction.requiringNew().call(() -> Optional
                .ofNullable(PolicyVersionRecord.<PolicyVersionRecord>findById(hash)).map(v -> v.validation));
        if (known.isPresent()) {
            return new Proposal(known.get(), true, false);
        }
        List<PolicyProblem> oversized = PolicyLimits.current().check(source);
        if (!oversized.isEmpty()) {
            // Refused before anything is opened or compiled: the size limits are what keep validation itself bounded.
            return new Proposal(new ValidationReport(hash, false, oversized, List.of(),
                    ValidationReport.ScenarioSummary.of(List.of())), false, false);
        }
        PolicyValidator.Validation checked = validator.validate(source);
        PolicyValidator.Validation validation = new PolicyValidator.Validation(checked.report().withParameterChanges(
                parameterChanges(checked.compiled())), checked.compiled());
        if (!validation.report().valid()) {
            return new Proposal(validation.report(), false, false);
        }
        engine.remember(validation.compiled());
        QuarkusTransaction.requiringNew().run(() -> store(source, validation, author, comment, origin));
        return new Proposal(validation.report(), true, true);
    }

    /** The parameters a candidate changes from the active version's (none when it does not compile, or none is active). */
    public List<PolicyParameters.Change> parameterChanges(CompiledPolicy candidate) {
        if (candidate == null || !engine.hasActive()) {
            return List.of();
        }
        return PolicyParameters.changes(engine.active().parameters(), candidate.parameters());
    }

    /** A file as the analyst uploaded it (through the API or the console), before it is checked. */
    public record UploadedFile(String fileName, byte[] content) {
        public static UploadedFile of(org.jboss.resteasy.reactive.multipart.FileUpload upload) {
            try {
                return new UploadedFile(upload.fileName(), java.nio.file.Files.readAllBytes(upload.uploadedFile()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * A new version from uploaded files, checked field by field. By default the upload changes the active version:
     * files with the same name are replaced, others kept. With {@code replaceAll} the upload is the whole policy.
     */
    public Proposal proposeUpload(List<UploadedFile> files, List<UploadedFile> scenarios, String comment, boolean replaceAll,
                                  String author) {
        List<UploadedFile> rules = files == null ? List.of() : files;
        List<UploadedFile> tests = scenarios == null ? List.of() : scenarios;
        if (rules.isEmpty() && tests.isEmpty()) {
            throw ApiProblem.invalidField("files", "upload at least one .drl, .xlsx, .xls or .csv file");
        }
        if (comment == null || comment.isBlank()) {
            throw ApiProblem.invalidField("comment", "is required: say what this version changes");
        }
        if (comment.length() > MAX_COMMENT) {
            throw ApiProblem.invalidField("comment", "is longer than " + MAX_COMMENT + " characters");
        }
        Map<String, PolicyFile> merged = new LinkedHashMap<>();
        if (!replaceAll) {
            source(engine.active().version()).ifPresent(source -> source.files().forEach(f -> merged.put(f.name(), f)));
        }
        rules.stream().map(upload -> checked(upload, "files", "")).forEach(file -> merged.put(file.name(), file));
        tests.stream().map(upload -> checked(upload, "scenarios", PolicySource.SCENARIOS)).forEach(file -> merged.put(file.name(), file));
        return propose(new PolicySource(new ArrayList<>(merged.values())), author, comment.strip(), "UPLOAD");
    }

    private static PolicyFile checked(UploadedFile upload, String field, String prefix) {
        String name = upload.fileName() == null ? "" : upload.fileName().replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        String unreadable = PolicyFile.unreadableSpreadsheet(name);
        if (unreadable != null) {
            throw ApiProblem.invalidField(field, unreadable);
        }
        boolean acceptable = prefix.isEmpty() ? PolicyFile.isRuleFile(name) : PolicySource.isScenarioFile(prefix + name);
        if (name.isBlank() || !acceptable) {
            throw ApiProblem.invalidField(field, "'" + name + "' is not "
                    + (prefix.isEmpty() ? "a .drl, .xlsx, .xls or .csv rule file" : "a .csv scenario file"));
        }
        return new PolicyFile(prefix + name, upload.content());
    }

    /** The full hash for a version given in full or by a unique prefix of at least 8 characters (as logs print it). */
    public String resolve(String given) {
        String versionOrPrefix = given == null ? null : given.toLowerCase(java.util.Locale.ROOT);
        if (versionOrPrefix == null || !versionOrPrefix.matches("[0-9a-f]{8,64}")) {
            throw ApiProblem.notFound("Policy version " + versionOrPrefix);
        }
        if (versionOrPrefix.length() == 64) {
            return versionOrPrefix;
        }
        List<String> matches = QuarkusTransaction.requiringNew().call(() -> PolicyVersionRecord.<PolicyVersionRecord>find(
                "hash like ?1", versionOrPrefix + "%").page(0, 2).list().stream().map(v -> v.hash).toList());
        if (matches.isEmpty()) {
            throw ApiProblem.notFound("Policy version " + versionOrPrefix);
        }
        if (matches.size() > 1) {
            throw ApiProblem.invalidField("version", "'" + versionOrPrefix + "' matches several versions; give more characters");
        }
        return matches.get(0);
    }

    /**
     * An analyst's activation, through the API or the console. With two-person activation on, the version's author
     * cannot activate it: a second analyst reviews it first. A roll-back to a version that was active before needs
     * one person, so an analyst alone can always undo a bad change. A version that drops a guard rail of the active
     * version needs {@code confirmRemovedGuardRails}.
     */
    public void activateAsAnalyst(String hash, String analyst, boolean confirmRemovedGuardRails) {
        if (needsSecondPerson(hash, analyst)) {
            throw new ApiProblem(403, "A second analyst must activate this version", "You uploaded version "
                    + hash.substring(0, 12) + ": another analyst must review and activate it (two-person activation)."
                    + " A roll-back to a version that was active before needs only one person.");
        }
        List<String> removed = removedGuardRails(hash);
        if (!removed.isEmpty() && !confirmRemovedGuardRails) {
            throw new ApiProblem(409, "Guard rails removed", "Version " + hash.substring(0, 12) + " removes "
                    + removed.size() + " guard rail(s) of the active version: " + String.join("; ", removed)
                    + ". Send \"confirmRemovedGuardRails\": true to activate it anyway.",
                    removed.stream().map(rule -> new ApiProblem.FieldViolation("confirmRemovedGuardRails",
                            "removes '" + rule + "'")).toList());
        }
        activate(hash, analyst);
    }

    /** Whether {@code analyst} authored this never-active version and two-person activation asks someone else. */
    public boolean needsSecondPerson(String hash, String analyst) {
        if (!secondPerson) {
            return false;
        }
        PolicyVersionRecord version = stored(hash);
        return version.author.equals(analyst) && !wasActive(hash);
    }

    /** The guard rails ({@value #GUARD_RAIL_PREFIX} rules) of the active version that this version no longer has. */
    public List<String> removedGuardRails(String hash) {
        List<String> target = stored(hash).ruleNames;
        return find(engine.active().version()).map(active -> active.ruleNames).orElse(List.of()).stream()
                .filter(rule -> rule.startsWith(GUARD_RAIL_PREFIX))
                .filter(rule -> target == null || !target.contains(rule))
                .toList();
    }

    /**
     * Makes a stored, valid version the active one, for this and every other replica, with no two-person check:
     * analysts go through {@link #activateAsAnalyst}; this is also the rules folder's path, which is why the folder
     * is watched only in the demo and dev profiles.
     */
    public void activate(String hash, String actor) {
        PolicyVersionRecord version = stored(hash);
        if (version.validation == null || !version.validation.valid()) {
            throw new ApiProblem(409, "Policy is not valid", "Version " + hash + " failed validation and cannot be activated");
        }
        CompiledPolicy compiled = engine.version(hash);
        QuarkusTransaction.requiringNew().run(() -> persistActivation(hash, version.author, actor, clock.instant()));
        engine.activate(compiled);
        LOG.infof("Policy %s activated by %s", hash.substring(0, 12), actor);
    }

    /**
     * The activation row of a version, in the caller's transaction, for a pilot that reached 100 %: the analyst who
     * started the pilot approved this activation then. The caller switches the engine once the transaction commits.
     */
    void recordActivation(String hash, String approvedBy, java.time.Instant at) {
        PolicyVersionRecord version = PolicyVersionRecord.findById(hash);
        persistActivation(hash, version.author, approvedBy, at);
        LOG.infof("Policy %s activated by its pilot, as approved by %s", hash.substring(0, 12), approvedBy);
    }

    private static void persistActivation(String hash, String author, String actor, java.time.Instant at) {
        PolicyActivation activation = new PolicyActivation();
        activation.versionHash = hash;
        activation.proposedBy = author;
        activation.activatedBy = actor;
        activation.activatedAt = at;
        activation.rollback = PolicyActivation.count("versionHash", hash) > 0;
        activation.persist();
    }

    private PolicyVersionRecord stored(String hash) {
        PolicyVersionRecord version = QuarkusTransaction.requiringNew().call(() -> PolicyVersionRecord.findById(hash));
        if (version == null) {
            throw ApiProblem.notFound("Policy version " + hash);
        }
        return version;
    }

    private boolean wasActive(String hash) {
        return QuarkusTransaction.requiringNew().call(() -> PolicyActivation.count("versionHash", hash) > 0);
    }

    /** The version the database says is active, if any version was ever activated. */
    public Optional<String> activeInDatabase() {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(PolicyActivation.latest()).map(a -> a.versionHash));
    }

    /** The version that was active before the current one: what a roll-back goes back to. */
    public Optional<String> previouslyActive() {
        String active = engine.active().version();
        return QuarkusTransaction.requiringNew().call(() -> PolicyActivation.<PolicyActivation>find(
                "versionHash <> ?1 order by id desc", active).firstResultOptional().map(a -> a.versionHash));
    }

    public List<PolicyVersionRecord> list() {
        return QuarkusTransaction.requiringNew().call(PolicyVersionRecord::newestFirst);
    }

    public Optional<PolicyVersionRecord> find(String hash) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(PolicyVersionRecord.findById(hash)));
    }

    public List<PolicyActivation> activations(String hash) {
        return QuarkusTransaction.requiringNew().call(() -> PolicyActivation.of(hash));
    }

    public Optional<PolicySource> source(String hash) {
        return QuarkusTransaction.requiringNew().call(() -> PolicyFileRecord.sourceOf(hash));
    }

    public Optional<PolicyFile> file(String hash, String name) {
        return QuarkusTransaction.requiringNew().call(() -> PolicyFileRecord.<PolicyFileRecord>find("versionHash = ?1 and name = ?2", hash, name)
                .firstResultOptional().map(f -> new PolicyFile(f.name, f.content)));
    }

    private void store(PolicySource source, PolicyValidator.Validation validation, String author, String comment, String origin) {
        PolicyVersionRecord version = new PolicyVersionRecord();
        version.hash = validation.report().version();
        version.author = author;
        version.comment = comment;
        version.createdAt = clock.instant();
        version.ruleNames = validation.report().rules();
        version.origin = origin;
        version.validation = validation.report();
        version.persist();
        for (PolicyFile file : source.files()) {
            PolicyFileRecord record = new PolicyFileRecord();
            record.versionHash = version.hash;
            record.name = file.name();
            record.content = file.content();
            record.persist();
        }
    }
}

package io.claimpilot.console;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.policy.PolicyActivation;
import io.claimpilot.policy.PolicyEngine;
import io.claimpilot.policy.PolicyFile;
import io.claimpilot.policy.PolicyProblem;
import io.claimpilot.policy.PolicyReplay;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.policy.PolicyVersionRecord;
import io.claimpilot.policy.PolicyVersions;
import io.claimpilot.policy.ScenarioResult;
import io.claimpilot.policy.ValidationReport;
import io.claimpilot.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The analysts' policy pages: versions, upload with the validation report, scenarios, replay, activation and
 * roll-back. Every step goes through the same policy services as /api/policies.
 */
@Path("/console/policies")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ANALYST)
public class PoliciesPage extends ConsolePage {

    @Inject
    PolicyVersions versions;
    @Inject
    PolicyEngine engine;
    @Inject
    PolicyReplay replay;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance policies(List<VersionRow> versions, String notice, String error, BackOfficeViews.Form form);

        static native TemplateInstance policiesReport(ReportView report, BackOfficeViews.Form form);

        static native TemplateInstance policiesVersion(VersionRow version, List<String> files, List<String> rules,
                                                       List<ActivationRow> activations, ReportView report, String notice);

        static native TemplateInstance policiesReplay(VersionRow version, BackOfficeViews.Form form, ReplayView replay, String error);

        static native TemplateInstance policiesActivate(ChangeView change, String warning);
    }

    /** A version in a list or a heading. {@code previous} marks the one a roll-back goes back to. */
    @TemplateData
    public record VersionRow(String hash, String shortHash, String author, String comment, String createdAt, String origin,
                             boolean active, boolean previous) {
    }

    @TemplateData
    public record ActivationRow(String activatedBy, String activatedAt) {
    }

    /** One problem, with where to find it written the way an analyst reads it: "claims.xlsx › Claims › G11". */
    @TemplateData
    public record ProblemRow(String where, String file, String sheet, String cell, String line, String severity, String message) {
    }

    @TemplateData
    public record ScenarioRow(String where, String name, String expected, String actual, String rulesFired, String expectedRule,
                              boolean passed) {
    }

    @TemplateData
    public record ReportView(String version, boolean valid, int rules, List<ProblemRow> problems, int total, int passed,
                             int failed, List<ScenarioRow> scenarios) {
    }

    @TemplateData
    public record MatrixCell(String to, int count, boolean changed) {
    }

    @TemplateData
    public record MatrixRow(String from, List<MatrixCell> cells, int total) {
    }

    @TemplateData
    public record AmountRow(String currency, String before, String after, String change) {
    }

    @TemplateData
    public record ExampleRow(String claimId, String before, String beforeRules, String after, String afterRules) {
    }

    @TemplateData
    public record TransitionRow(String from, String to, int count, List<ExampleRow> examples) {
    }

    @TemplateData
    public record ReplayView(int claims, int changed, List<String> actions, List<MatrixRow> matrix, String rateBefore,
                             String rateAfter, String rateChange, List<AmountRow> amounts, List<TransitionRow> transitions) {
    }

    /** What an activation changes, restated before the analyst confirms it. */
    @TemplateData
    public record ChangeView(VersionRow from, VersionRow to, boolean rollback, boolean alreadyActive, List<String> rulesAdded,
                             List<String> rulesRemoved, List<String> filesAdded, List<String> filesRemoved,
                             List<String> filesChanged) {
    }

    @GET
    public TemplateInstance list(@QueryParam("activated") String activated) {
        // Said only while it is true, so a crafted link cannot announce an activation that did not happen.
        String notice = activated != null && activated.equals(engine.active().version())
                ? console.messages().polActivatedNotice(shortHash(activated)) : null;
        return page(listPage(notice, null, BackOfficeViews.Form.EMPTY));
    }

    /** Upload: a valid set becomes a stored, inactive version; an invalid one is reported cell by cell and not stored. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("files") List<FileUpload> files, @RestForm("scenarios") List<FileUpload> scenarios,
                           @RestForm("comment") String comment, @RestForm("replaceAll") boolean replaceAll) {
        PolicyVersions.Proposal proposal;
        try {
            proposal = versions.proposeUpload(chosen(files), chosen(scenarios), comment, replaceAll, console.username());
        } catch (ApiProblem refused) {
            return page(refused.status(), listPage(null, refused.getMessage(),
                    BackOfficeViews.Form.of("comment", comment, "replaceAll", String.valueOf(replaceAll))));
        }
        if (!proposal.stored()) {
            return page(422, Templates.policiesReport(report(proposal.report()), BackOfficeViews.Form.of("comment", comment,
                    "replaceAll", String.valueOf(replaceAll))));
        }
        String version = proposal.report().version();
        return seeOther("/console/policies/" + version + "?uploaded=" + (proposal.created() ? "new" : "known"));
    }

    @GET
    @Path("/{version}")
    public TemplateInstance version(@PathParam("version") String given, @QueryParam("uploaded") String uploaded) {
        String hash = versions.resolve(given);
        PolicyVersionRecord record = record(hash);
        List<ActivationRow> activations = versions.activations(hash).stream().map(PoliciesPage::activation).toList();
        String notice = uploaded == null ? null
                : "new".equals(uploaded) ? console.messages().polUploadedNew() : console.messages().polUploadedKnown();
        return page(Templates.policiesVersion(row(record, previous()), files(hash), record.ruleNames, activations,
                record.validation == null ? null : report(record.validation), notice));
    }

    @GET
    @Path("/{version}/files/{name: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("version") String given, @PathParam("name") String name) {
        String hash = versions.resolve(given);
        PolicyFile file = versions.file(hash, name).orElseThrow(() -> ApiProblem.notFound("File " + name + " of policy version " + hash));
        String baseName = name.substring(name.lastIndexOf('/') + 1).replace("\"", "");
        return Response.ok(file.content(), MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + baseName + "\"").build();
    }

    @GET
    @Path("/{version}/replay")
    public TemplateInstance replayForm(@PathParam("version") String given) {
        String hash = versions.resolve(given);
        return page(Templates.policiesReplay(row(record(hash), previous()), BackOfficeViews.Form.of("last", "1000"), null, null));
    }

    /** Replay on past claims: nothing is written, so the result is shown at once. */
    @POST
    @Path("/{version}/replay")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response replay(@PathParam("version") String given, @RestForm("from") String from, @RestForm("to") String to,
                           @RestForm("last") String last) {
        String hash = versions.resolve(given);
        VersionRow version = row(record(hash), previous());
        BackOfficeViews.Form form = BackOfficeViews.Form.of("from", from, "to", to, "last", last);
        try {
            PolicyReplay.Selection selection = new PolicyReplay.Selection(instant("from", from), instant("to", to), number("last", last));
            if (selection.from() == null && selection.to() == null && selection.last() == null) {
                throw ApiProblem.invalidField("last", console.messages().polReplayNeedsSelection());
            }
            return page(200, Templates.policiesReplay(version, form, replayView(replay.replay(hash, selection)), null));
        } catch (ApiProblem refused) {
            return page(refused.status(), Templates.policiesReplay(version, form, null, refused.getMessage()));
        }
    }

    /** The confirmation step: what activating (or rolling back to) this version changes, compared with the active one. */
    @GET
    @Path("/{version}/activate")
    public TemplateInstance confirmActivation(@PathParam("version") String given) {
        return page(Templates.policiesActivate(change(versions.resolve(given)), null));
    }

    /**
     * The atomic activation, through the same service as POST /api/policies/{version}/activate. {@code from} is the
     * version the analyst saw as active when confirming: if another activation came in between, they confirm again.
     */
    @POST
    @Path("/{version}/activate")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response activate(@PathParam("version") String given, @RestForm("from") String from) {
        String hash = versions.resolve(given);
        if (from == null || !from.equals(engine.active().version())) {
            return page(409, Templates.policiesActivate(change(hash), console.messages().polActiveChangedMeanwhile()));
        }
        versions.activate(hash, console.username());
        return seeOther("/console/policies?activated=" + URLEncoder.encode(hash, StandardCharsets.UTF_8));
    }

    private TemplateInstance listPage(String notice, String error, BackOfficeViews.Form form) {
        String previous = previous();
        List<VersionRow> rows = versions.list().stream().map(v -> row(v, previous)).toList();
        return Templates.policies(rows, notice, error, form);
    }

    private ChangeView change(String target) {
        String active = engine.active().version();
        String previous = previous();
        PolicyVersionRecord to = record(target);
        PolicyVersionRecord from = record(active);
        boolean rollback = !versions.activations(target).isEmpty();
        Map<String, byte[]> fromFiles = contents(active);
        Map<String, byte[]> toFiles = contents(target);
        return new ChangeView(row(from, previous), row(to, previous), rollback, target.equals(active),
                minus(to.ruleNames, from.ruleNames), minus(from.ruleNames, to.ruleNames),
                minus(new ArrayList<>(toFiles.keySet()), new ArrayList<>(fromFiles.keySet())),
                minus(new ArrayList<>(fromFiles.keySet()), new ArrayList<>(toFiles.keySet())),
                toFiles.keySet().stream().filter(fromFiles::containsKey)
                        .filter(name -> !Arrays.equals(fromFiles.get(name), toFiles.get(name))).sorted().toList());
    }

    private Map<String, byte[]> contents(String hash) {
        return versions.source(hash).map(PolicySource::files).orElse(List.of()).stream()
                .collect(Collectors.toMap(PolicyFile::name, PolicyFile::content));
    }

    private static List<String> minus(List<String> these, List<String> those) {
        List<String> left = new ArrayList<>(these == null ? List.of() : these);
        left.removeAll(those == null ? List.of() : those);
        return left;
    }

    private PolicyVersionRecord record(String hash) {
        return versions.find(hash).orElseThrow(() -> ApiProblem.notFound("Policy version " + hash));
    }

    private String previous() {
        return versions.previouslyActive().orElse("");
    }

    private VersionRow row(PolicyVersionRecord v, String previous) {
        return new VersionRow(v.hash, shortHash(v.hash), v.author, v.comment, BackOfficeViews.when(v.createdAt), v.origin,
                v.hash.equals(engine.active().version()), v.hash.equals(previous));
    }

    private List<String> files(String hash) {
        return versions.source(hash).map(PolicySource::fileNames).orElse(List.of());
    }

    static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /** The browser sends an empty part for a file field left empty: that is no file, not a file without a name. */
    private static List<PolicyVersions.UploadedFile> chosen(List<FileUpload> uploads) {
        return Optional.ofNullable(uploads).orElse(List.of()).stream()
                .filter(upload -> upload.fileName() != null && !upload.fileName().isBlank())
                .map(PolicyVersions.UploadedFile::of).toList();
    }

    static ReportView report(ValidationReport report) {
        List<ProblemRow> problems = report.problems().stream().map(PoliciesPage::problem).toList();
        List<ScenarioRow> scenarios = report.scenarios().results().stream().map(PoliciesPage::scenario).toList();
        return new ReportView(report.version(), report.valid(), report.rules().size(), problems, report.scenarios().total(),
                report.scenarios().passed(), report.scenarios().failed(), scenarios);
    }

    private static ProblemRow problem(PolicyProblem p) {
        List<String> where = new ArrayList<>();
        where.add(p.file() == null ? "policy" : p.file());
        Optional.ofNullable(p.sheet()).ifPresent(where::add);
        Optional.ofNullable(p.cell()).ifPresent(where::add);
        Optional.ofNullable(p.line()).ifPresent(line -> where.add("line " + line));
        return new ProblemRow(String.join(" › ", where), nullToEmpty(p.file()), nullToEmpty(p.sheet()), nullToEmpty(p.cell()),
                p.line() == null ? "" : p.line().toString(), p.severity().name(), p.message());
    }

    private static ScenarioRow scenario(ScenarioResult r) {
        return new ScenarioRow(r.file().replace(PolicySource.SCENARIOS, "") + ":" + r.line(), r.name(),
                outcome(r.expectedAction(), r.expectedAmount()), outcome(r.actualAction(), r.actualAmount()),
                String.join(" · ", r.rulesFired()), nullToEmpty(r.expectedRule()), r.passed());
    }

    private static String outcome(DecisionAction action, String amount) {
        return (action == null ? "" : action.name()) + (amount == null || amount.isBlank() ? "" : " " + amount);
    }

    static ReplayView replayView(PolicyReplay.Report report) {
        List<DecisionAction> actions = List.of(DecisionAction.values());
        Map<String, Integer> counts = report.transitions().stream()
                .collect(Collectors.toMap(t -> t.from() + ">" + t.to(), PolicyReplay.Transition::count));
        List<MatrixRow> matrix = actions.stream().map(from -> {
            List<MatrixCell> cells = actions.stream()
                    .map(to -> new MatrixCell(to.name(), counts.getOrDefault(from + ">" + to, 0), from != to)).toList();
            return new MatrixRow(from.name(), cells, cells.stream().mapToInt(MatrixCell::count).sum());
        }).toList();
        java.util.Set<String> currencies = new java.util.TreeSet<>(report.autoRefunded().before().keySet());
        currencies.addAll(report.autoRefunded().after().keySet());
        List<AmountRow> amounts = currencies.stream().map(currency -> new AmountRow(currency,
                report.autoRefunded().before().getOrDefault(currency, "0"), report.autoRefunded().after().getOrDefault(currency, "0"),
                BackOfficeViews.signed(report.autoRefunded().change().getOrDefault(currency, "0")))).toList();
        List<TransitionRow> transitions = report.transitions().stream().filter(t -> !t.examples().isEmpty())
                .map(t -> new TransitionRow(t.from().name(), t.to().name(), t.count(), t.examples().stream().map(example ->
                        new ExampleRow(example.claimId(), outcome(example.before()), String.join(" · ", example.before().rulesFired()),
                                outcome(example.after()), String.join(" · ", example.after().rulesFired()))).toList()))
                .toList();
        return new ReplayView(report.claims(), report.changed(), actions.stream().map(Enum::name).toList(), matrix,
                BackOfficeViews.percent(report.automationRate().before()), BackOfficeViews.percent(report.automationRate().after()),
                BackOfficeViews.signedPercent(report.automationRate().change()), amounts, transitions);
    }

    private static String outcome(PolicyReplay.Outcome outcome) {
        return outcome.action().name() + (outcome.amount() == null ? "" : " " + BackOfficeViews.money(outcome.amount()));
    }

    /** A date (2026-11-20, midnight UTC), a UTC time (2026-11-20T10:00, as a datetime field sends it) or an ISO instant. */
    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        List<Function<String, Instant>> formats = List.of(Instant::parse, t -> OffsetDateTime.parse(t).toInstant(),
                t -> LocalDateTime.parse(t).toInstant(ZoneOffset.UTC), t -> LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
        for (Function<String, Instant> format : formats) {
            try {
                return format.apply(text);
            } catch (DateTimeParseException ignored) {
                // Try the next way of writing it.
            }
        }
        throw ApiProblem.invalidField(field, "'" + text + "' is not a date (2026-11-20) or a UTC time (2026-11-20T10:00)");
    }

    private static Integer number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(field, "'" + value.strip() + "' is not a whole number");
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static ActivationRow activation(PolicyActivation activation) {
        return new ActivationRow(activation.activatedBy, BackOfficeViews.when(activation.activatedAt));
    }
}

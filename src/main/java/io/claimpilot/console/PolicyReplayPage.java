package io.claimpilot.console;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.policy.PolicyReplay;
import io.claimpilot.policy.ReplayJob;
import io.claimpilot.policy.ReplayJobs;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Replay of a policy version on past claims, through the same service as /api/policies/{version}/replay: how many
 * decisions would change, from what to what, and the money automatic refunds would move. Nothing is written.
 */
@Path("/console/policies/{version}/replay")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ANALYST)
public class PolicyReplayPage extends PolicyPage {

    @Inject
    PolicyReplay replay;
    @Inject
    ReplayJobs replayJobs;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance policiesReplay(VersionRow version, BackOfficeViews.Form form, ReplayView replay,
                                                      String error, JobView job);
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
                             String rateAfter, String rateChange, List<AmountRow> amounts, List<TransitionRow> transitions,
                             List<ParameterRow> parameters) {
    }

    /** A replay running as a job: the page refreshes itself while it runs (the console has no JavaScript). */
    @TemplateData
    public record JobView(String id, String status, int done, int total, boolean running, String error) {
        static JobView of(ReplayJob job) {
            return new JobView(job.id, job.status.name(), job.claimsDone, job.claimsTotal,
                    job.status == ReplayJob.Status.RUNNING, job.error);
        }
    }

    @GET
    public TemplateInstance replayForm(@PathParam("version") String given) {
        return page(Templates.policiesReplay(row(versions.resolve(given)), BackOfficeViews.Form.of("last", "1000"), null, null, null));
    }

    /** The progress of a replay job, then its report, as the replay page shows a short replay's. */
    @GET
    @Path("/jobs/{jobId}")
    public TemplateInstance job(@PathParam("version") String given, @PathParam("jobId") String jobId) {
        String hash = versions.resolve(given);
        ReplayJob job = replayJobs.find(jobId);
        if (!job.policyVersion.equals(hash)) {
            throw ApiProblem.notFound("Replay job " + jobId);
        }
        PolicyReplay.Selection selection = job.selection;
        BackOfficeViews.Form form = BackOfficeViews.Form.of("from", text(selection.from()), "to", text(selection.to()),
                "last", selection.last() == null ? null : selection.last().toString());
        return page(Templates.policiesReplay(row(hash), form, job.report == null ? null : replayView(job.report), null,
                JobView.of(job)));
    }

    /** Replay on past claims: nothing is written, so the result is shown at once. */
    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response replay(@PathParam("version") String given, @RestForm("from") String from, @RestForm("to") String to,
                           @RestForm("last") String last) {
        String hash = versions.resolve(given);
        VersionRow version = row(hash);
        BackOfficeViews.Form form = BackOfficeViews.Form.of("from", from, "to", to, "last", last);
        return attempt(() -> {
            PolicyReplay.Selection selection = new PolicyReplay.Selection(instant("from", from), instant("to", to), number("last", last));
            if (selection.from() == null && selection.to() == null && selection.last() == null) {
                throw ApiProblem.invalidField("last", console.messages().polReplayNeedsSelection());
            }
            int claims = replay.claimsCovered(selection);
            if (replayJobs.needsJob(claims)) {
                ReplayJob job = replayJobs.start(hash, selection, claims, console.username());
                return seeOther("/console/policies/" + hash + "/replay/jobs/" + job.id);
            }
            return page(200, Templates.policiesReplay(version, form, replayView(replay.replay(hash, selection)), null, null));
        }, error -> Templates.policiesReplay(version, form, null, error, null));
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
        Set<String> currencies = new TreeSet<>(report.autoRefunded().before().keySet());
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
                BackOfficeViews.signedPercent(report.automationRate().change()), amounts, transitions,
                parameterRows(report.parameterChanges()));
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

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
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
}

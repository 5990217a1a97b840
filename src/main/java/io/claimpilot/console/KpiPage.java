package io.claimpilot.console;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.kpi.CohortComparison;
import io.claimpilot.kpi.KpiFigures;
import io.claimpilot.kpi.KpiGrouping;
import io.claimpilot.kpi.KpiReport;
import io.claimpilot.kpi.KpiWindow;
import io.claimpilot.kpi.Kpis;
import io.claimpilot.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The indicators dashboard for analysts, admins and accountants: headline figures for a period, daily trends drawn
 * as SVG with their numbers in tables, the breakdown by reason and by rule, and the pilot beside its control. The
 * same {@link Kpis} as {@code GET /api/kpis}; nothing is loaded from outside and nothing needs JavaScript.
 */
@Path("/console/kpis")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.ANALYST, Roles.ADMIN, Roles.ACCOUNTANT})
public class KpiPage extends ConsolePage {

    @Inject
    Kpis kpis;
    @Inject
    Clock clock;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance kpis(Dashboard dashboard, String error);
    }

    @TemplateData
    public record Figure(String id, String label, String value, String detail) {
    }

    @TemplateData
    public record DayRow(String day, long claims, String automationRate, String refunded) {
    }

    @TemplateData
    public record GroupRow(String key, long claims, long decided, String automationRate, String escalationRate,
                           String refundRate, String refunded) {
    }

    @TemplateData
    public record RuleRow(String rule, long decided, long flaggedWrong) {
    }

    @TemplateData
    public record ComparisonRow(String id, String label, String pilot, String control, String difference,
                                String interval, String pValue) {
    }

    @TemplateData
    public record Dashboard(String from, String to, String period, List<Figure> figures, List<TrendChart> charts,
                            List<DayRow> days, List<GroupRow> reasons, List<RuleRow> rules, boolean pilotRan,
                            boolean notEnoughData, List<ComparisonRow> comparison) {
    }

    @GET
    public Response dashboard(@QueryParam("from") String from, @QueryParam("to") String to) {
        KpiMessages text = MessageBundles.get(KpiMessages.class, io.quarkus.qute.i18n.Localized.Literal.of(console.lang()));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String fromDay = blank(from) ? today.minusDays(29).toString() : from.strip();
        String toDay = blank(to) ? today.toString() : to.strip();
        try {
            LocalDate lastDay = day("to", toDay);
            KpiWindow window = KpiWindow.parse(day("from", fromDay).toString(), lastDay.plusDays(1).toString(), clock);
            return Response.ok(page(Templates.kpis(dashboard(window, fromDay, toDay, text), null))).build();
        } catch (ApiProblem refused) {
            Dashboard empty = new Dashboard(fromDay, toDay, "", List.of(), List.of(), List.of(), List.of(), List.of(),
                    false, true, List.of());
            return page(refused.status(), Templates.kpis(empty, refused.getMessage()));
        }
    }

    private Dashboard dashboard(KpiWindow window, String fromDay, String toDay, KpiMessages text) {
        KpiReport byDay = kpis.report(window, KpiGrouping.DAY);
        KpiReport byReason = kpis.report(window, KpiGrouping.REASON);
        KpiReport byCohort = kpis.report(window, KpiGrouping.COHORT);
        KpiFigures total = byDay.figures();
        String currency = mainCurrency(total);

        List<String> dayLabels = new ArrayList<>();
        for (LocalDate d = LocalDate.ofInstant(window.from(), ZoneOffset.UTC);
             d.isBefore(LocalDate.ofInstant(window.to(), ZoneOffset.UTC)); d = d.plusDays(1)) {
            dayLabels.add(d.toString());
        }
        Map<String, KpiFigures> perDay = byDay.groups().stream()
                .collect(Collectors.toMap(KpiReport.Group::key, KpiReport.Group::figures));
        List<DayRow> days = new ArrayList<>();
        List<BigDecimal> claims = new ArrayList<>();
        List<BigDecimal> automation = new ArrayList<>();
        List<BigDecimal> refunded = new ArrayList<>();
        for (String day : dayLabels) {
            KpiFigures figures = perDay.get(day);
            long count = figures == null ? 0 : figures.claims();
            Double rate = figures == null ? null : figures.automationRate();
            BigDecimal amount = figures == null ? BigDecimal.ZERO : refundedIn(figures, currency);
            claims.add(BigDecimal.valueOf(count));
            automation.add(rate == null ? null : BigDecimal.valueOf(rate));
            refunded.add(amount);
            days.add(new DayRow(day, count, percent(rate, text), BackOfficeViews.money(new Money(amount, currency))));
        }
        List<TrendChart> charts = List.of(
                TrendChart.bars("chart-claims", text.claimsPerDay(), dayLabels, claims),
                TrendChart.line("chart-automation", text.automationPerDay(), dayLabels, automation, true),
                TrendChart.bars("chart-refunded", text.refundedPerDay(currency), dayLabels, refunded));

        List<GroupRow> reasons = byReason.groups().stream()
                .map(g -> new GroupRow(g.key(), g.figures().claims(), g.figures().decided(),
                        percent(g.figures().automationRate(), text), percent(g.figures().escalationRate(), text),
                        percent(g.figures().refundRate(), text), amounts(g.figures())))
                .sorted(Comparator.comparingLong(GroupRow::claims).reversed()).toList();
        List<RuleRow> rules = total.rules().stream()
                .map(r -> new RuleRow(r.rule(), r.decided(), r.flaggedWrong())).toList();

        CohortComparison comparison = byCohort.comparison();
        boolean pilotRan = byCohort.group("PILOT") != null || byCohort.group("CONTROL") != null;
        List<ComparisonRow> rows = pilotRan ? List.of(
                row("cmp-automation", text.automationRate(), comparison.automationRate(), text),
                row("cmp-refund", text.refundRate(), comparison.refundRate(), text),
                row("cmp-override", text.overrideRate(), comparison.overrideRate(), text),
                row("cmp-csat", text.csat(), comparison.csat(), text)) : List.of();

        return new Dashboard(fromDay, toDay, text.period(fromDay, toDay), headline(total, text), charts, days, reasons,
                rules, pilotRan, comparison.notEnoughData(), rows);
    }

    private static List<Figure> headline(KpiFigures f, KpiMessages text) {
        return List.of(
                new Figure("kpi-claims", text.claims(), Long.toString(f.claims()),
                        text.decided() + " " + f.decided() + " · " + text.open() + " " + f.open()),
                new Figure("kpi-automation", text.automationRate(), percent(f.automationRate(), text),
                        text.automated() + " " + f.automated()),
                new Figure("kpi-escalation", text.escalationRate(), percent(f.escalationRate(), text), ""),
                new Figure("kpi-refunds", text.refunded(), amounts(f),
                        text.refunds() + " " + f.refunds().count() + " · " + text.refundRate() + " " + percent(f.refundRate(), text)),
                new Figure("kpi-reshipments", text.reshipments(), Long.toString(f.reshipments().count()),
                        text.exchanges() + " " + f.reshipments().exchanges()),
                new Figure("kpi-resolution", text.resolution(), duration(f.resolutionSeconds().median(), text)
                        + " / " + duration(f.resolutionSeconds().p90(), text), ""),
                new Figure("kpi-first-response", text.firstResponse(), duration(f.firstResponseSeconds().median(), text)
                        + " / " + duration(f.firstResponseSeconds().p90(), text), ""),
                new Figure("kpi-evidence-expired", text.evidenceExpired(), Long.toString(f.evidenceExpired()), ""),
                new Figure("kpi-fraud-holds", text.fraudHolds(), Long.toString(f.fraudHolds()), ""),
                new Figure("kpi-override", text.overrideRate(), percent(f.overrideRate(), text), ""),
                new Figure("kpi-csat", text.csat(), percent(f.csat().score(), text),
                        text.csatDetail(f.csat().satisfied(), f.csat().responses())));
    }

    private static ComparisonRow row(String id, String label, CohortComparison.Proportion p, KpiMessages text) {
        if (p.notEnoughData()) {
            return new ComparisonRow(id, label, percent(p.pilot(), text), percent(p.control(), text), text.none(),
                    text.none(), text.none());
        }
        return new ComparisonRow(id, label, percent(p.pilot(), text), percent(p.control(), text),
                BackOfficeViews.signedPercent(BigDecimal.valueOf(p.difference())),
                BackOfficeViews.percent(BigDecimal.valueOf(p.ci95().low())) + " … "
                        + BackOfficeViews.percent(BigDecimal.valueOf(p.ci95().high())),
                BigDecimal.valueOf(p.pValue()).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString());
    }

    /** The currency most refunded in the period, for the refund chart (EUR when nothing was refunded). */
    private static String mainCurrency(KpiFigures total) {
        return total.refunds().amounts().stream().max(Comparator.comparing(Money::amount)).map(Money::currency).orElse("EUR");
    }

    private static BigDecimal refundedIn(KpiFigures figures, String currency) {
        return figures.refunds().amounts().stream().filter(m -> m.currency().equals(currency)).map(Money::amount)
                .findFirst().orElse(BigDecimal.ZERO);
    }

    private static String amounts(KpiFigures figures) {
        return figures.refunds().amounts().isEmpty() ? "0"
                : figures.refunds().amounts().stream().map(BackOfficeViews::money).collect(Collectors.joining(" + "));
    }

    private static String percent(Double ratio, KpiMessages text) {
        return ratio == null ? text.none() : BackOfficeViews.percent(BigDecimal.valueOf(ratio));
    }

    private static String duration(Double seconds, KpiMessages text) {
        if (seconds == null) {
            return text.none();
        }
        long whole = Math.round(seconds);
        if (whole < 60) {
            return text.seconds(whole);
        }
        return whole >= 3600 ? text.hoursMinutes(whole / 3600, whole % 3600 / 60)
                : text.minutesSeconds(whole / 60, whole % 60);
    }

    private static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.invalidField(field, "must be a day such as 2026-11-01");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package io.claimpilot.console;

import io.claimpilot.limits.AutomationService;
import io.claimpilot.common.ApiProblem;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The admins' automation page, the first of the admin area: the kill switch and the daily budgets of automatic
 * refunds. Each form goes through the same service as /api/automation; a refused one is shown again with its reason.
 */
@Path("/console/admin")
@Produces(MediaType.TEXT_HTML)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
@RolesAllowed(Roles.ADMIN)
public class AutomationPage extends ConsolePage {

    @Inject
    AutomationService automation;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance admin(AutomationView automation, String notice, String error, BackOfficeViews.Form form);
    }

    @TemplateData
    public record BudgetRow(String currency, String limit, String used, String remaining, String usedPercent, boolean warning) {
    }

    @TemplateData
    public record AutomationView(boolean paused, String changedBy, String changedAt, String reason, List<BudgetRow> budgets) {
    }

    @GET
    public TemplateInstance overview(@QueryParam("done") String done) {
        return page(Templates.admin(automationView(), notice(done), null, BackOfficeViews.Form.EMPTY));
    }

    /** The kill switch: from now on every decision that would act automatically goes to a person. */
    @POST
    @Path("/automation/pause")
    public Response pause(@RestForm("reason") String reason) {
        return attempt(() -> {
            if (reason == null || reason.isBlank()) {
                throw ApiProblem.invalidField("reason", console.messages().admPauseReasonRequired());
            }
            automation.pause(console.username(), reason.strip());
            return seeOther("/console/admin?done=paused");
        }, error -> Templates.admin(automationView(), null, error, BackOfficeViews.Form.of("reason", reason)));
    }

    @POST
    @Path("/automation/resume")
    public Response resume() {
        return attempt(() -> {
            automation.resume(console.username());
            return seeOther("/console/admin?done=resumed");
        }, error -> Templates.admin(automationView(), null, error, BackOfficeViews.Form.EMPTY));
    }

    @POST
    @Path("/automation/budget")
    public Response budget(@RestForm("currency") String currency, @RestForm("dailyLimit") String dailyLimit) {
        return attempt(() -> {
            automation.setBudget(currency == null ? null : currency.strip().toUpperCase(Locale.ROOT), amount(dailyLimit),
                    console.username());
            return seeOther("/console/admin?done=budget");
        }, error -> Templates.admin(automationView(), null, error,
                BackOfficeViews.Form.of("currency", currency, "dailyLimit", dailyLimit)));
    }

    private AutomationView automationView() {
        AutomationService.Status status = automation.status();
        List<BudgetRow> budgets = status.budgets().stream().map(b -> new BudgetRow(b.currency(), BackOfficeViews.money(b.limit()),
                BackOfficeViews.money(b.used()), BackOfficeViews.money(b.remaining()), BackOfficeViews.percent(b.usedRatio()),
                b.warning())).toList();
        return new AutomationView(status.paused(), status.changedBy(), BackOfficeViews.when(status.changedAt()), status.reason(), budgets);
    }

    /** The confirmation after a post/redirect/get, by the key the redirect carried. */
    private String notice(String done) {
        ConsoleMessages msg = console.messages();
        return switch (done == null ? "" : done) {
            case "paused" -> msg.admPausedNotice();
            case "resumed" -> msg.admResumedNotice();
            case "budget" -> msg.admBudgetNotice();
            default -> null;
        };
    }

    private static BigDecimal amount(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("dailyLimit", "'" + value.strip() + "' is not an amount such as 2000.00");
        }
    }
}

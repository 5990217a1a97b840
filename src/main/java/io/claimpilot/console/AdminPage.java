package io.claimpilot.console;

import io.claimpilot.limits.AutomationService;
import io.claimpilot.blocklist.BlocklistEntry;
import io.claimpilot.blocklist.BlocklistService;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Page;
import io.claimpilot.security.ApiKeys;
import io.claimpilot.security.ConsoleUser;
import io.claimpilot.security.ConsoleUsers;
import io.claimpilot.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The admins' pages: the automation kill switch and daily budgets, the blocklist, console users and API keys.
 * Each form goes through the same service as the API; a refused one is shown again with the service's reason.
 */
@Path("/console/admin")
@Produces(MediaType.TEXT_HTML)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
@RolesAllowed(Roles.ADMIN)
public class AdminPage extends ConsolePage {

    private static final int BLOCKLIST_PAGE = 50;

    @Inject
    AutomationService automation;
    @Inject
    BlocklistService blocklist;
    @Inject
    ConsoleUsers users;
    @Inject
    ApiKeys apiKeys;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance admin(AutomationView automation, String notice, String error, BackOfficeViews.Form form);

        static native TemplateInstance adminBlocklist(List<EntryRow> entries, Pager pager, List<String> kinds, String notice,
                                                      String error, BackOfficeViews.Form form);

        static native TemplateInstance adminUsers(List<UserRow> users, List<String> roles, String notice, String error,
                                                  BackOfficeViews.Form form);

        static native TemplateInstance adminKeys(List<KeyRow> keys, List<String> roles, ApiKeys.Issued issued, String notice,
                                                 String error, BackOfficeViews.Form form);
    }

    @TemplateData
    public record BudgetRow(String currency, String limit, String used, String remaining, String usedPercent, boolean warning) {
    }

    @TemplateData
    public record AutomationView(boolean paused, String changedBy, String changedAt, String reason, List<BudgetRow> budgets) {
    }

    @TemplateData
    public record EntryRow(long id, String kind, String value, String reason, String createdBy, String createdAt) {
    }

    @TemplateData
    public record Pager(int page, int pages, long total, boolean hasPrevious, boolean hasNext, int previous, int next, int number) {
    }

    @TemplateData
    public record UserRow(String username, String displayName, String role, boolean active, boolean demo, boolean me,
                          String createdAt) {
    }

    @TemplateData
    public record KeyRow(String id, String owner, String role, boolean active, boolean demo, String createdAt, String createdBy,
                         String revokedAt, String revokedBy) {
    }

    // --- Automation: kill switch and budgets ---------------------------------------------------------------

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

    // --- Blocklist ------------------------------------------------------------------------------------------

    @GET
    @Path("/blocklist")
    public TemplateInstance blocklist(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("done") String done) {
        return page(blocklistPage(Math.max(page, 0), notice(done), null, BackOfficeViews.Form.EMPTY));
    }

    @POST
    @Path("/blocklist")
    public Response addToBlocklist(@RestForm("kind") String kind, @RestForm("value") String value, @RestForm("reason") String reason) {
        return attempt(() -> {
            blocklist.add(new BlocklistService.NewEntry(kind(kind), value, reason), console.username());
            return seeOther("/console/admin/blocklist?done=added");
        }, error -> blocklistPage(0, null, error, BackOfficeViews.Form.of("kind", kind, "value", value, "reason", reason)));
    }

    @POST
    @Path("/blocklist/{id}/remove")
    public Response removeFromBlocklist(@PathParam("id") long id) {
        return attempt(() -> {
            blocklist.delete(id);
            return seeOther("/console/admin/blocklist?done=removed");
        }, error -> blocklistPage(0, null, error, BackOfficeViews.Form.EMPTY));
    }

    // --- Console users --------------------------------------------------------------------------------------

    @GET
    @Path("/users")
    public TemplateInstance users(@QueryParam("done") String done) {
        return page(usersPage(notice(done), null, BackOfficeViews.Form.EMPTY));
    }

    /** A new person with one role and an initial password (never shown again, never kept in the form). */
    @POST
    @Path("/users")
    public Response createUser(@RestForm("username") String username, @RestForm("displayName") String displayName,
                               @RestForm("role") String role, @RestForm("password") String password) {
        return attempt(() -> {
            users.create(username, password, role, displayName == null || displayName.isBlank() ? null : displayName.strip());
            return seeOther("/console/admin/users?done=userCreated");
        }, error -> usersPage(null, error, BackOfficeViews.Form.of("username", username, "displayName", displayName, "role", role)));
    }

    @POST
    @Path("/users/{username}/deactivate")
    public Response deactivateUser(@PathParam("username") String username) {
        return attempt(() -> {
            if (username.equals(console.username())) {
                throw ApiProblem.conflict(console.messages().admCannotDeactivateSelf());
            }
            users.deactivate(username);
            return seeOther("/console/admin/users?done=userDeactivated");
        }, error -> usersPage(null, error, BackOfficeViews.Form.EMPTY));
    }

    // --- API keys -------------------------------------------------------------------------------------------

    @GET
    @Path("/keys")
    public TemplateInstance keys(@QueryParam("done") String done) {
        return page(keysPage(null, notice(done), null, BackOfficeViews.Form.EMPTY));
    }

    /** Issues a key and shows its secret this once, on a page no cache keeps; the database has only its hash. */
    @POST
    @Path("/keys")
    public Response createKey(@RestForm("owner") String owner, @RestForm("role") String role) {
        return attempt(() -> {
            ApiKeys.Issued issued = apiKeys.create(owner, role, console.username());
            return Response.fromResponse(page(201, keysPage(issued, null, null, BackOfficeViews.Form.EMPTY)))
                    .header("Cache-Control", "no-store").build();
        }, error -> keysPage(null, null, error, BackOfficeViews.Form.of("owner", owner, "role", role)));
    }

    @POST
    @Path("/keys/{id}/revoke")
    public Response revokeKey(@PathParam("id") String id) {
        return attempt(() -> {
            apiKeys.revoke(id, console.username());
            return seeOther("/console/admin/keys?done=keyRevoked");
        }, error -> keysPage(null, null, error, BackOfficeViews.Form.EMPTY));
    }

    // --- Pages ----------------------------------------------------------------------------------------------

    /** Runs a form's action; when a service refuses it, the same page comes back with the reason and the status. */
    private Response attempt(java.util.function.Supplier<Response> action, Function<String, TemplateInstance> again) {
        try {
            return action.get();
        } catch (ApiProblem refused) {
            return page(refused.status(), again.apply(refused.getMessage()));
        }
    }

    private AutomationView automationView() {
        AutomationService.Status status = automation.status();
        List<BudgetRow> budgets = status.budgets().stream().map(b -> new BudgetRow(b.currency(), BackOfficeViews.money(b.limit()),
                BackOfficeViews.money(b.used()), BackOfficeViews.money(b.remaining()), BackOfficeViews.percent(b.usedRatio()),
                b.warning())).toList();
        return new AutomationView(status.paused(), status.changedBy(), BackOfficeViews.when(status.changedAt()), status.reason(), budgets);
    }

    private TemplateInstance blocklistPage(int page, String notice, String error, BackOfficeViews.Form form) {
        Page<BlocklistService.EntryView> entries = blocklist.list(page, BLOCKLIST_PAGE);
        int pages = (int) Math.max(1, (entries.total() + BLOCKLIST_PAGE - 1) / BLOCKLIST_PAGE);
        List<EntryRow> rows = entries.items().stream().map(e -> new EntryRow(e.id(), e.kind().name(), e.value(), e.reason(),
                e.createdBy(), BackOfficeViews.when(e.createdAt()))).toList();
        return Templates.adminBlocklist(rows, new Pager(page, pages, entries.total(), page > 0, page + 1 < pages,
                page - 1, page + 1, page + 1),
                Arrays.stream(BlocklistEntry.Kind.values()).map(Enum::name).toList(), notice, error, form);
    }

    private TemplateInstance usersPage(String notice, String error, BackOfficeViews.Form form) {
        List<UserRow> rows = users.list().stream().map(this::userRow).toList();
        return Templates.adminUsers(rows, ConsoleUsers.ROLES.stream().sorted().toList(), notice, error, form);
    }

    private UserRow userRow(ConsoleUser user) {
        return new UserRow(user.username, user.displayName == null ? "" : user.displayName, user.role, user.active, user.demo,
                user.username.equals(console.username()), BackOfficeViews.when(user.createdAt));
    }

    private TemplateInstance keysPage(ApiKeys.Issued issued, String notice, String error, BackOfficeViews.Form form) {
        List<KeyRow> rows = apiKeys.list().stream().map(k -> new KeyRow(k.id(), k.owner(), k.role(), k.active(), k.demo(),
                BackOfficeViews.when(k.createdAt()), k.createdBy() == null ? "" : k.createdBy(), BackOfficeViews.when(k.revokedAt()),
                k.revokedBy() == null ? "" : k.revokedBy())).toList();
        return Templates.adminKeys(rows, ApiKeys.ROLES.stream().sorted().toList(), issued, notice, error, form);
    }

    /** The confirmation after a post/redirect/get, by the key the redirect carried. */
    private String notice(String done) {
        if (done == null) {
            return null;
        }
        ConsoleMessages msg = console.messages();
        return switch (done) {
            case "paused" -> msg.admPausedNotice();
            case "resumed" -> msg.admResumedNotice();
            case "budget" -> msg.admBudgetNotice();
            case "added" -> msg.admBlockAddedNotice();
            case "removed" -> msg.admBlockRemovedNotice();
            case "userCreated" -> msg.admUserCreatedNotice();
            case "userDeactivated" -> msg.admUserDeactivatedNotice();
            case "keyRevoked" -> msg.admKeyRevokedNotice();
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

    private static BlocklistEntry.Kind kind(String value) {
        try {
            return value == null ? null : BlocklistEntry.Kind.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null; // the service names the field and the allowed kinds
        }
    }
}

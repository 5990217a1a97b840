package io.claimpilot.console;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.security.ConsoleUser;
import io.claimpilot.security.ConsoleUsers;
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

import java.util.List;

/**
 * The admins' page of console users: who may sign in, with which one role. Each form goes through the same service
 * as the API; a refused one is shown again with the service's reason.
 */
@Path("/console/admin/users")
@Produces(MediaType.TEXT_HTML)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
@RolesAllowed(Roles.ADMIN)
public class UsersPage extends ConsolePage {

    @Inject
    ConsoleUsers users;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance adminUsers(List<UserRow> users, List<String> roles, String notice, String error,
                                                  BackOfficeViews.Form form);
    }

    @TemplateData
    public record UserRow(String username, String displayName, String role, boolean active, boolean demo, boolean me,
                          String createdAt) {
    }

    @GET
    public TemplateInstance users(@QueryParam("done") String done) {
        return page(usersPage(notice(done), null, BackOfficeViews.Form.EMPTY));
    }

    /** A new person with one role and an initial password (never shown again, never kept in the form). */
    @POST
    public Response createUser(@RestForm("username") String username, @RestForm("displayName") String displayName,
                               @RestForm("role") String role, @RestForm("password") String password) {
        return attempt(() -> {
            users.create(username, password, role, displayName == null || displayName.isBlank() ? null : displayName.strip(),
                    console.username());
            return seeOther("/console/admin/users?done=userCreated");
        }, error -> usersPage(null, error, BackOfficeViews.Form.of("username", username, "displayName", displayName, "role", role)));
    }

    @POST
    @Path("/{username}/deactivate")
    public Response deactivateUser(@PathParam("username") String username) {
        return attempt(() -> {
            if (username.equals(console.username())) {
                throw ApiProblem.conflict(console.messages().admCannotDeactivateSelf());
            }
            users.deactivate(username, console.username());
            return seeOther("/console/admin/users?done=userDeactivated");
        }, error -> usersPage(null, error, BackOfficeViews.Form.EMPTY));
    }

    private TemplateInstance usersPage(String notice, String error, BackOfficeViews.Form form) {
        List<UserRow> rows = users.list().stream().map(this::userRow).toList();
        return Templates.adminUsers(rows, ConsoleUsers.ROLES.stream().sorted().toList(), notice, error, form);
    }

    private UserRow userRow(ConsoleUser user) {
        return new UserRow(user.username, user.displayName == null ? "" : user.displayName, user.role, user.active, user.demo,
                user.username.equals(console.username()), BackOfficeViews.when(user.createdAt));
    }

    /** The confirmation after a post/redirect/get, by the key the redirect carried. */
    private String notice(String done) {
        ConsoleMessages msg = console.messages();
        return switch (done == null ? "" : done) {
            case "userCreated" -> msg.admUserCreatedNotice();
            case "userDeactivated" -> msg.admUserDeactivatedNotice();
            default -> null;
        };
    }
}

package io.claimpilot.console;

import io.claimpilot.security.ApiKeys;
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
 * The admins' page of API keys: issue one (its secret shown this once), see who holds which, revoke one. Each form
 * goes through the same service as the API; a refused one is shown again with the service's reason.
 */
@Path("/console/admin/keys")
@Produces(MediaType.TEXT_HTML)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
@RolesAllowed(Roles.ADMIN)
public class ApiKeysPage extends ConsolePage {

    @Inject
    ApiKeys apiKeys;
    @Inject
    io.claimpilot.security.ConsoleUsers users;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance adminKeys(List<KeyRow> keys, List<String> roles, List<UserOption> users,
                                                 ApiKeys.Issued issued, String notice, String error, BackOfficeViews.Form form);
    }

    @TemplateData
    public record KeyRow(String id, String owner, String holder, String role, boolean active, boolean demo, String createdAt,
                         String createdBy, String revokedAt, String revokedBy) {
    }

    /** An active console user a person's key can belong to. */
    @TemplateData
    public record UserOption(String username, String role) {
    }

    @GET
    public TemplateInstance keys(@QueryParam("done") String done) {
        return page(keysPage(null, "keyRevoked".equals(done) ? console.messages().admKeyRevokedNotice() : null, null,
                BackOfficeViews.Form.EMPTY));
    }

    /** Issues a key and shows its secret this once, on a page no cache keeps; the database has only its hash. */
    @POST
    public Response createKey(@RestForm("owner") String owner, @RestForm("role") String role, @RestForm("userId") String userId,
                              @RestForm("callerId") String callerId) {
        return attempt(() -> {
            ApiKeys.Issued issued = apiKeys.create(new ApiKeys.NewKey(owner, role, userId, callerId), console.username());
            return Response.fromResponse(page(201, keysPage(issued, null, null, BackOfficeViews.Form.EMPTY)))
                    .header("Cache-Control", "no-store").build();
        }, error -> keysPage(null, null, error, BackOfficeViews.Form.of("owner", owner, "role", role, "userId", userId,
                "callerId", callerId)));
    }

    @POST
    @Path("/{id}/revoke")
    public Response revokeKey(@PathParam("id") String id) {
        return attempt(() -> {
            apiKeys.revoke(id, console.username());
            return seeOther("/console/admin/keys?done=keyRevoked");
        }, error -> keysPage(null, null, error, BackOfficeViews.Form.EMPTY));
    }

    private TemplateInstance keysPage(ApiKeys.Issued issued, String notice, String error, BackOfficeViews.Form form) {
        List<KeyRow> rows = apiKeys.list().stream().map(k -> new KeyRow(k.id(), k.owner(), k.holder(), k.role(), k.active(), k.demo(),
                BackOfficeViews.when(k.createdAt()), k.createdBy() == null ? "" : k.createdBy(), BackOfficeViews.when(k.revokedAt()),
                k.revokedBy() == null ? "" : k.revokedBy())).toList();
        List<UserOption> people = users.list().stream().filter(user -> user.active)
                .map(user -> new UserOption(user.username, user.role)).toList();
        return Templates.adminKeys(rows, ApiKeys.ROLES.stream().sorted().toList(), people, issued, notice, error, form);
    }
}

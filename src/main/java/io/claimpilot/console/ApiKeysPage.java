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

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance adminKeys(List<KeyRow> keys, List<String> roles, ApiKeys.Issued issued, String notice,
                                                 String error, BackOfficeViews.Form form);
    }

    @TemplateData
    public record KeyRow(String id, String owner, String role, boolean active, boolean demo, String createdAt, String createdBy,
                         String revokedAt, String revokedBy) {
    }

    @GET
    public TemplateInstance keys(@QueryParam("done") String done) {
        return page(keysPage(null, "keyRevoked".equals(done) ? console.messages().admKeyRevokedNotice() : null, null,
                BackOfficeViews.Form.EMPTY));
    }

    /** Issues a key and shows its secret this once, on a page no cache keeps; the database has only its hash. */
    @POST
    public Response createKey(@RestForm("owner") String owner, @RestForm("role") String role) {
        return attempt(() -> {
            ApiKeys.Issued issued = apiKeys.create(owner, role, console.username());
            return Response.fromResponse(page(201, keysPage(issued, null, null, BackOfficeViews.Form.EMPTY)))
                    .header("Cache-Control", "no-store").build();
        }, error -> keysPage(null, null, error, BackOfficeViews.Form.of("owner", owner, "role", role)));
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
        List<KeyRow> rows = apiKeys.list().stream().map(k -> new KeyRow(k.id(), k.owner(), k.role(), k.active(), k.demo(),
                BackOfficeViews.when(k.createdAt()), k.createdBy() == null ? "" : k.createdBy(), BackOfficeViews.when(k.revokedAt()),
                k.revokedBy() == null ? "" : k.revokedBy())).toList();
        return Templates.adminKeys(rows, ApiKeys.ROLES.stream().sorted().toList(), issued, notice, error, form);
    }
}

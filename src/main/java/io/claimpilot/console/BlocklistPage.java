package io.claimpilot.console;

import io.claimpilot.blocklist.BlocklistEntry;
import io.claimpilot.blocklist.BlocklistService;
import io.claimpilot.common.Page;
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

import java.util.Arrays;
import java.util.List;

/**
 * The admins' blocklist page: customers, e-mail addresses and addresses whose claims always go to a person, a page
 * at a time. Each form goes through the same service as /api/blocklist; a refused one is shown again with its reason.
 */
@Path("/console/admin/blocklist")
@Produces(MediaType.TEXT_HTML)
@Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
@RolesAllowed(Roles.ADMIN)
public class BlocklistPage extends ConsolePage {

    private static final int PAGE_SIZE = 50;

    @Inject
    BlocklistService blocklist;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance adminBlocklist(List<EntryRow> entries, Pager pager, List<String> kinds, String notice,
                                                      String error, BackOfficeViews.Form form);
    }

    @TemplateData
    public record EntryRow(long id, String kind, String value, String reason, String createdBy, String createdAt) {
    }

    @TemplateData
    public record Pager(int page, int pages, long total, boolean hasPrevious, boolean hasNext, int previous, int next, int number) {
    }

    @GET
    public TemplateInstance blocklist(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("done") String done) {
        return page(blocklistPage(Math.max(page, 0), notice(done), null, BackOfficeViews.Form.EMPTY));
    }

    @POST
    public Response addToBlocklist(@RestForm("kind") String kind, @RestForm("value") String value, @RestForm("reason") String reason) {
        return attempt(() -> {
            blocklist.add(new BlocklistService.NewEntry(kind(kind), value, reason), console.username());
            return seeOther("/console/admin/blocklist?done=added");
        }, error -> blocklistPage(0, null, error, BackOfficeViews.Form.of("kind", kind, "value", value, "reason", reason)));
    }

    @POST
    @Path("/{id}/remove")
    public Response removeFromBlocklist(@PathParam("id") long id) {
        return attempt(() -> {
            blocklist.delete(id);
            return seeOther("/console/admin/blocklist?done=removed");
        }, error -> blocklistPage(0, null, error, BackOfficeViews.Form.EMPTY));
    }

    private TemplateInstance blocklistPage(int page, String notice, String error, BackOfficeViews.Form form) {
        Page<BlocklistService.EntryView> entries = blocklist.list(page, PAGE_SIZE);
        int pages = (int) Math.max(1, (entries.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        List<EntryRow> rows = entries.items().stream().map(e -> new EntryRow(e.id(), e.kind().name(), e.value(), e.reason(),
                e.createdBy(), BackOfficeViews.when(e.createdAt()))).toList();
        return Templates.adminBlocklist(rows, new Pager(page, pages, entries.total(), page > 0, page + 1 < pages,
                page - 1, page + 1, page + 1),
                Arrays.stream(BlocklistEntry.Kind.values()).map(Enum::name).toList(), notice, error, form);
    }

    /** The confirmation after a post/redirect/get, by the key the redirect carried. */
    private String notice(String done) {
        ConsoleMessages msg = console.messages();
        return switch (done == null ? "" : done) {
            case "added" -> msg.admBlockAddedNotice();
            case "removed" -> msg.admBlockRemovedNotice();
            default -> null;
        };
    }

    private static BlocklistEntry.Kind kind(String value) {
        try {
            return value == null ? null : BlocklistEntry.Kind.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null; // the service names the field and the allowed kinds
        }
    }
}

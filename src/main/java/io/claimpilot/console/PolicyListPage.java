package io.claimpilot.console;

import io.claimpilot.policy.PolicyRollouts;
import io.claimpilot.policy.PolicyVersions;
import io.claimpilot.security.Roles;
import io.quarkus.qute.CheckedTemplate;
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
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;
import java.util.Optional;

/**
 * The analysts' list of policy versions, and the upload of a new one with its validation report. Both go through
 * the same policy services as /api/policies; a version's own pages follow from here.
 */
@Path("/console/policies")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ANALYST)
public class PolicyListPage extends PolicyPage {

    @Inject
    PolicyRollouts rollouts;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance policies(List<VersionRow> versions, String notice, String error,
                                                BackOfficeViews.Form form, PilotView rollout);

        static native TemplateInstance policiesReport(ReportView report, BackOfficeViews.Form form);
    }

    @GET
    public TemplateInstance list(@QueryParam("activated") String activated) {
        // Said only while it is true, so a crafted link cannot announce an activation that did not happen.
        String notice = activated != null && activated.equals(active())
                ? console.messages().polActivatedNotice(shortHash(activated)) : null;
        return page(listPage(notice, null, BackOfficeViews.Form.EMPTY));
    }

    /** Upload: a valid set becomes a stored, inactive version; an invalid one is reported cell by cell and not stored. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("files") List<FileUpload> files, @RestForm("scenarios") List<FileUpload> scenarios,
                           @RestForm("comment") String comment, @RestForm("replaceAll") boolean replaceAll) {
        BackOfficeViews.Form form = BackOfficeViews.Form.of("comment", comment, "replaceAll", String.valueOf(replaceAll));
        return attempt(() -> {
            PolicyVersions.Proposal proposal = versions.proposeUpload(chosen(files), chosen(scenarios), comment, replaceAll,
                    console.username());
            if (!proposal.stored()) {
                return page(422, Templates.policiesReport(report(proposal.report()), form));
            }
            String version = proposal.report().version();
            return seeOther("/console/policies/" + version + "?uploaded=" + (proposal.created() ? "new" : "known"));
        }, error -> listPage(null, error, form));
    }

    private TemplateInstance listPage(String notice, String error, BackOfficeViews.Form form) {
        String previous = previous();
        List<VersionRow> rows = versions.list().stream().map(v -> row(v, previous)).toList();
        return Templates.policies(rows, notice, error, form, rollouts.live().map(PilotView::of).orElse(null));
    }

    /** The browser sends an empty part for a file field left empty: that is no file, not a file without a name. */
    private static List<PolicyVersions.UploadedFile> chosen(List<FileUpload> uploads) {
        return Optional.ofNullable(uploads).orElse(List.of()).stream()
                .filter(upload -> upload.fileName() != null && !upload.fileName().isBlank())
                .map(PolicyVersions.UploadedFile::of).toList();
    }
}

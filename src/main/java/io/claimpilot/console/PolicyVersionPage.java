package io.claimpilot.console;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.policy.PolicyActivation;
import io.claimpilot.policy.PolicyFile;
import io.claimpilot.policy.PolicySource;
import io.claimpilot.policy.PolicyVersionRecord;
import io.claimpilot.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** One policy version as an analyst reads it: its files (to download), rules, activations and validation report. */
@Path("/console/policies/{version}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.ANALYST)
public class PolicyVersionPage extends PolicyPage {

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance policiesVersion(VersionRow version, List<String> files, List<String> rules,
                                                       List<ActivationRow> activations, ReportView report,
                                                       String notice);
    }

    @TemplateData
    public record ActivationRow(String activatedBy, String activatedAt, String proposedBy, boolean rollback) {
    }

    @GET
    public TemplateInstance version(@PathParam("version") String given, @QueryParam("uploaded") String uploaded) {
        String hash = versions.resolve(given);
        PolicyVersionRecord record = record(hash);
        List<ActivationRow> activations = versions.activations(hash).stream().map(PolicyVersionPage::activation).toList();
        String notice = uploaded == null ? null
                : "new".equals(uploaded) ? console.messages().polUploadedNew() : console.messages().polUploadedKnown();
        return page(Templates.policiesVersion(row(record, previous()),
                versions.source(hash).map(PolicySource::fileNames).orElse(List.of()), record.ruleNames, activations,
                record.validation == null ? null : report(record.validation), notice));
    }

    @GET
    @Path("/files/{name: .+}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@PathParam("version") String given, @PathParam("name") String name) {
        String hash = versions.resolve(given);
        PolicyFile file = versions.file(hash, name).orElseThrow(() -> ApiProblem.notFound("File " + name + " of policy version " + hash));
        String baseName = name.substring(name.lastIndexOf('/') + 1).replace("\"", "");
        return Response.ok(file.content(), MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + baseName + "\"").build();
    }

    private static ActivationRow activation(PolicyActivation activation) {
        return new ActivationRow(activation.activatedBy, BackOfficeViews.when(activation.activatedAt), activation.proposedBy,
                activation.rollback);
    }
}

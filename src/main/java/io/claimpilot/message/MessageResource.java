package io.claimpilot.message;

import io.claimpilot.action.MessageSituation;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Problem;
import io.claimpilot.policy.PolicyProblem;
import io.claimpilot.security.Roles;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** For analysts: templates rendered with a sample claim before they are saved, and the templates in use. */
@Path("/api/messages")
@RolesAllowed(Roles.ANALYST)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {

    @Inject
    CustomerMessages messages;
    @Inject
    MessageTemplates templates;

    /**
     * @param situation which message, e.g. {@code REFUND_ISSUED}: the template in use for it is rendered
     * @param locale    the customer's locale, e.g. {@code en-GB}; French when absent
     * @param template  a template's text to try instead, as it would be saved (first line the subject)
     */
    public record PreviewRequest(String situation, String locale, String template) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Preview(String situation, String language, String subject, String body) {
    }

    @POST
    @Path("/preview")
    public Response preview(PreviewRequest request) {
        if (request == null || blank(request.situation()) && blank(request.template())) {
            throw ApiProblem.invalidField("situation", "is required, unless a template is posted");
        }
        MessageSituation situation = blank(request.situation()) ? null : situation(request.situation());
        if (blank(request.template())) {
            RenderedMessage message;
            try {
                message = templates.render(situation, messages.sample(), request.locale());
            } catch (IllegalStateException e) {
                throw ApiProblem.notFound("A template for " + situation + " (" + e.getMessage() + ")");
            }
            return Response.ok(new Preview(situation.name(), message.language(), message.subject(), message.body())).build();
        }
        List<PolicyProblem> problems = new ArrayList<>();
        Template template = MessageTemplateSet.check("template", request.template(), problems);
        if (template == null) {
            return invalidTemplate(problems);
        }
        Locale locale = MessageTemplateSet.locale(request.locale());
        RenderedMessage message = MessageTemplateSet.render(template, messages.sample(), locale, locale.getLanguage());
        return Response.ok(new Preview(situation == null ? null : situation.name(), message.language(), message.subject(),
                message.body())).build();
    }

    public record TemplateStatus(Set<String> languages, List<PolicyProblem> problems) {
    }

    /** The languages in use, and what was wrong with the folder when it was last read. */
    @GET
    @Path("/templates")
    public TemplateStatus status() {
        return new TemplateStatus(templates.current().languages(), templates.problems());
    }

    private static MessageSituation situation(String value) {
        try {
            return MessageSituation.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("situation", "must be one of " + java.util.Arrays.toString(MessageSituation.values()));
        }
    }

    private static Response invalidTemplate(List<PolicyProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Template has problems");
        body.put("status", 422);
        body.put("detail", problems.size() + " problem(s), first: " + problems.get(0));
        body.put("field", "template");
        body.put("problems", problems);
        return Response.status(422).type(Problem.PROBLEM_JSON).entity(body).build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package io.claimpilot.console;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.ErrorPages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Optional;

/**
 * Errors on console pages as HTML in the visitor's language: common/ProblemMappers asks these {@link ErrorPages}
 * first, and keeps problem+json for every path they leave alone (the API).
 */
@ApplicationScoped
public class ConsoleErrors implements ErrorPages {

    @Inject
    ConsoleContext console;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Pages {
        static native TemplateInstance error(int status, String title, String detail);
    }

    static boolean isConsolePath(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    /** On console pages a refused action is an HTML page with the service's reason. */
    @Override
    public Optional<Response> refused(String path, ApiProblem problem) {
        if (!isConsolePath(path)) {
            return Optional.empty();
        }
        return Optional.of(page(problem.status(), console.messages().errorTitle(), problem.getMessage()));
    }

    /**
     * A failed sign-in at the console's form ({@code j_security_check}), or a console session that is no longer valid,
     * goes back to the sign-in page; the API answers 401 problem+json.
     */
    @Override
    public Optional<Response> unauthenticated(String path) {
        if (path.equals("/j_security_check")) {
            return Optional.of(Response.seeOther(URI.create("/console/login?error=true")).build());
        }
        if (isConsolePath(path)) {
            return Optional.of(Response.seeOther(URI.create("/console/login")).build());
        }
        return Optional.empty();
    }

    @Override
    public Optional<Response> forbidden(String path) {
        if (!isConsolePath(path)) {
            return Optional.empty();
        }
        ConsoleMessages msg = console.messages();
        return Optional.of(page(403, msg.forbiddenTitle(), msg.forbiddenText(console.role())));
    }

    /**
     * The CSRF filter refuses a form post with a bare 400; on console paths the person gets a page saying why.
     * Runs for every response, so it only fills an empty 400 of a console path.
     */
    @org.jboss.resteasy.reactive.server.ServerResponseFilter
    public void explainCsrfRefusal(jakarta.ws.rs.container.ContainerRequestContext request,
                                   jakarta.ws.rs.container.ContainerResponseContext response) {
        if (response.getStatus() == 400 && !response.hasEntity() && "POST".equals(request.getMethod())
                && isConsolePath("/" + request.getUriInfo().getPath().replaceFirst("^/", ""))) {
            ConsoleMessages msg = console.messages();
            TemplateInstance page = Pages.error(400, msg.csrfRefusedTitle(), msg.csrfRefused());
            page.setLocale(console.locale());
            response.setEntity(page.render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    private Response page(int status, String title, String detail) {
        TemplateInstance page = Pages.error(status, title, detail);
        page.setLocale(console.locale());
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}

package io.claimpilot.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Errors on console pages as HTML in the visitor's language; common/ProblemMappers hands them over for /console
 * paths and keeps problem+json for the API.
 */
@ApplicationScoped
public class ConsoleErrors {

    @Inject
    ConsoleContext console;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Pages {
        static native TemplateInstance error(int status, String title, String detail);
    }

    public static boolean isConsolePath(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    public Response forbidden() {
        ConsoleMessages msg = console.messages();
        return page(403, msg.forbiddenTitle(), msg.forbiddenText(console.role()));
    }

    public Response refused(int status, String detail) {
        return page(status, console.messages().errorTitle(), detail);
    }

    private Response page(int status, String title, String detail) {
        TemplateInstance page = Pages.error(status, title, detail);
        page.setLocale(console.locale());
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}

package io.claimpilot.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Base of every console resource: renders a template in the visitor's language and redirects after a post.
 * A wrong role (403) or an action a service refuses (ApiProblem) becomes an HTML page: see {@link ConsoleErrors}.
 */
public abstract class ConsolePage {

    @Inject
    protected ConsoleContext console;

    /** The page, in the visitor's language. Every console resource method returns its template through this. */
    protected TemplateInstance page(TemplateInstance template) {
        template.setLocale(console.locale());
        return template;
    }

    /** A page with another status than 200, e.g. a form shown again with the reason it was refused. */
    protected Response page(int status, TemplateInstance template) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page(template)).build();
    }

    /** Post/redirect/get: after a successful form post the browser loads the next page with GET. */
    protected static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}

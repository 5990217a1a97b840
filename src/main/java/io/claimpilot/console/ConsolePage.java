package io.claimpilot.console;

import io.claimpilot.common.ApiProblem;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Base of every console page: renders a template in the visitor's language, shows a refused form again with its reason,
 * and redirects after a post.
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

    /** Runs a form's action; when a service refuses it, the same page comes back with the reason and the status. */
    protected Response attempt(Supplier<Response> action, Function<String, TemplateInstance> again) {
        try {
            return action.get();
        } catch (ApiProblem refused) {
            return page(refused.status(), again.apply(refused.getMessage()));
        }
    }

    /** Post/redirect/get: after a successful form post the browser loads the next page with GET. */
    protected static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}

package io.claimpilot.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The console's front door: the home page that leads each role to its pages, sign-in, sign-out and the language switch. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class HomePage extends ConsolePage {

    private static final DateTimeFormatter RETRY_TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @jakarta.inject.Inject
    io.claimpilot.policy.PolicyRollouts rollouts;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String sessionCookie;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance login(boolean error, String retryAt);

        static native TemplateInstance home(PilotView haltedPilot);
    }

    /** Where a signed-in person lands: agents go straight to their queue. */
    @GET
    @Authenticated
    public Response landing() {
        return seeOther(console.has("agent") ? "/console/queue" : "/console/home");
    }

    @GET
    @Path("/home")
    @Authenticated
    public TemplateInstance home() {
        // A halted pilot is news for the people who run the policy: analysts and admins see it first thing.
        PilotView halted = console.has("analyst") || console.has("admin")
                ? rollouts.live().map(PilotView::of).filter(PilotView::halted).orElse(null) : null;
        return page(Templates.home(halted));
    }

    /** The sign-in form; it posts to j_security_check, which Quarkus form authentication handles. */
    @GET
    @Path("/login")
    @PermitAll
    public Response login(@QueryParam("error") boolean error, @QueryParam("retryAt") String retryAt) {
        if (console.signedIn() && !error) {
            return seeOther("/console");
        }
        return page(error ? 401 : 200, Templates.login(error, error ? retryTime(retryAt) : ""));
    }

    /**
     * When a locked sign-in may be tried again (security/SignInLimits sends the epoch second), as the console shows
     * times: "14:05 UTC". Anything else in the parameter shows nothing: the page never echoes it.
     */
    static String retryTime(String epochSecond) {
        if (epochSecond == null || !epochSecond.matches("\\d{1,12}")) {
            return "";
        }
        return RETRY_TIME.format(Instant.ofEpochSecond(Long.parseLong(epochSecond)));
    }

    /** Ends the session by expiring its cookie. A form post with the CSRF token, so no other site can sign you out. */
    @POST
    @Path("/logout")
    @Authenticated
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout() {
        NewCookie expired = new NewCookie.Builder(sessionCookie).value("").path("/").maxAge(0).httpOnly(true).build();
        return Response.seeOther(URI.create("/console/login")).cookie(expired).build();
    }

    /** The language switch: remembered in a cookie for a year, then back to the page it was used on. */
    @GET
    @Path("/language")
    @PermitAll
    public Response language(@QueryParam("lang") String lang, @QueryParam("back") String back) {
        String target = back != null && back.startsWith("/console") && !back.startsWith("//") ? back : "/console";
        if (ConsoleContext.supported(lang) == null) {
            return seeOther(target);
        }
        NewCookie cookie = new NewCookie.Builder(ConsoleContext.LANGUAGE_COOKIE).value(ConsoleContext.supported(lang).getLanguage())
                .path("/console").maxAge((int) Duration.ofDays(365).toSeconds()).httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }
}

package io.claimpilot.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.Locale;

/**
 * What every console page knows about the request: who is signed in, with which role, and in which language.
 * Templates read it as {@code {inject:console.username}}, {@code {inject:console.has('agent')}} and so on.
 */
@RequestScoped
@Named("console")
public class ConsoleContext {

    /** The languages the console speaks; the first is the fallback. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);
    public static final String LANGUAGE_COOKIE = "claimpilot-lang";

    @Inject
    SecurityIdentity identity;
    @Inject
    CurrentVertxRequest request;

    private Locale locale;

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public String username() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public String displayName() {
        Object name = identity.getAttribute("displayName");
        return name == null ? username() : name.toString();
    }

    /** The user's one role (agent, analyst, accountant or admin), or an empty string when signed out. */
    public String role() {
        return identity.getRoles().stream().findFirst().orElse("");
    }

    /**
     * Whether this response can carry forms: the CSRF filter made a token for it. Error pages rendered before the
     * filter ran (a wrong role) have none, so the layout leaves its sign-out form out there.
     */
    public boolean formsReady() {
        return request.getCurrent().get("csrf_token") != null;
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    /** The page's language: ?lang=, then the language cookie, then the browser's Accept-Language, then English. */
    public Locale locale() {
        if (locale == null) {
            locale = resolveLocale();
        }
        return locale;
    }

    /** The console texts in the page's language, for messages composed in Java. */
    public ConsoleMessages messages() {
        return io.quarkus.qute.i18n.MessageBundles.get(ConsoleMessages.class,
                io.quarkus.qute.i18n.Localized.Literal.of(locale().toLanguageTag()));
    }

    public String lang() {
        return locale().getLanguage();
    }

    /** The current path with its query, for the language switch to come back to. */
    public String here() {
        RoutingContext context = request.getCurrent();
        String uri = context.request().uri();
        return uri.startsWith("/console") ? uri : "/console";
    }

    public String hereEncoded() {
        return java.net.URLEncoder.encode(here(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private Locale resolveLocale() {
        RoutingContext context = request.getCurrent();
        Locale chosen = supported(context.queryParams().get("lang"));
        if (chosen != null) {
            return chosen;
        }
        Cookie cookie = context.request().getCookie(LANGUAGE_COOKIE);
        chosen = cookie == null ? null : supported(cookie.getValue());
        if (chosen != null) {
            return chosen;
        }
        String accept = context.request().getHeader("Accept-Language");
        if (accept != null && !accept.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(accept), LANGUAGES);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException ignored) {
                // A malformed header: fall back to English.
            }
        }
        return LANGUAGES.get(0);
    }

    static Locale supported(String language) {
        if (language == null) {
            return null;
        }
        return LANGUAGES.stream().filter(l -> l.getLanguage().equalsIgnoreCase(language.strip())).findFirst().orElse(null);
    }
}

package io.claimpilot.claimform;

import io.claimpilot.claim.ClaimReason;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.claimlink.ClaimLink;
import io.claimpilot.claimlink.ClaimLinkRequest;
import io.claimpilot.claimlink.ClaimLinkSettings;
import io.claimpilot.claimlink.ClaimLinks;
import io.claimpilot.claimlink.SignedTokens;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.flow.ClaimIntake;
import io.claimpilot.flow.ClaimView;
import io.claimpilot.flow.CustomerClaims;
import io.claimpilot.message.MessageValues;
import io.claimpilot.photo.PhotoSettings;
import io.claimpilot.security.SlidingWindowLimiter;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The customer claim form: public pages, no account and no key, opened by a signed link ({@link ClaimLinks}).
 * <ul>
 *   <li>{@code GET /claim/{token}} shows the order's items, the reasons a customer gives, and the proof each needs;</li>
 *   <li>{@code POST} makes the claim through the intake ({@link CustomerClaims}) and redirects to
 *       {@code /claim/{token}/done}, which says the decision in the customer's words;</li>
 *   <li>{@code /claim/{token}/evidence}, from the "photo requested" message, only takes photos for that claim.</li>
 * </ul>
 * Plain HTML forms: no JavaScript. A refused form comes back with its messages next to the fields and the answers
 * kept; nothing is stored. CSRF: the console's filter does not see these paths (security/CsrfGuardsOnlyTheConsole);
 * each form carries a field signed over the link (or claim) and a random HttpOnly, SameSite=Strict cookie of this
 * browser, so another site can neither read nor make it. Posts are counted per address (a SlidingWindowLimiter).
 */
@Path("/claim")
@PermitAll
public class CustomerFormPage {

    static final String CSRF_COOKIE = "claimpilot-form-csrf";
    /** The reasons a customer gives; the others come from the warehouse or the shop. */
    static final List<ClaimReason> CUSTOMER_REASONS = List.of(ClaimReason.DAMAGED, ClaimReason.WRONG_ITEM,
            ClaimReason.NOT_RECEIVED, ClaimReason.OTHER);
    static final int MAX_DESCRIPTION = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CustomerFormPage.class);
    private static final MediaType HTML = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    @Inject
    ClaimLinks links;
    @Inject
    CustomerClaims claims;
    @Inject
    SignedTokens tokens;
    @Inject
    PhotoSettings photoSettings;
    @Inject
    ClaimLinkSettings settings;
    @Inject
    Clock clock;
    @ConfigProperty(name = "claimpilot.review.sla")
    Duration reviewSla;

    @Location("claimform/form.html")
    Template form;
    @Location("claimform/done.html")
    Template done;
    @Location("claimform/invalid.html")
    Template invalid;
    @Location("claimform/evidence.html")
    Template evidence;

    private SlidingWindowLimiter posts;

    @PostConstruct
    void limits() {
        posts = new SlidingWindowLimiter(settings.maxSubmitsPerAddress(), settings.submitWindow(), settings.submitWindow(),
                100_000, clock);
    }

    @TemplateData
    public record ItemRow(int index, String label, int ordered, String price, int chosen, List<Integer> choices, String error) {
    }

    @TemplateData
    public record ReasonOption(String value, String label, boolean checked) {
    }

    @TemplateData
    public record ErrorLink(String anchor, String message) {
    }

    /** What the customer sent (or nothing yet), kept to show a refused form again. */
    private record Answers(Map<Integer, Integer> quantities, String reason, String description, boolean notWithNeighbour) {
        static final Answers NONE = new Answers(Map.of(), null, "", false);
    }

    // ---- The claim form --------------------------------------------------------------------------------------

    @GET
    @Path("/{token}")
    @Produces(MediaType.TEXT_HTML)
    public Response show(@PathParam("token") String token, @QueryParam("lang") String lang,
                         @CookieParam(CSRF_COOKIE) String cookie, @Context UriInfo uri) {
        ClaimLinks.Opened opened = links.open(token);
        if (!(opened instanceof ClaimLinks.Open open)) {
            return invalidPage(opened, lang);
        }
        ClaimLink link = open.link();
        Locale locale = language(lang, link.facts.customer().locale());
        if (link.used()) {
            return seeOther("/claim/" + token + "/done?lang=" + locale.getLanguage());
        }
        String browser = browserToken(cookie);
        return withCookie(Response.ok(formPage(token, link, locale, browser, Answers.NONE, Map.of())), browser, cookie, uri);
    }

    @POST
    @Path("/{token}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(@PathParam("token") String token, MultipartFormDataInput input,
                           @CookieParam(CSRF_COOKIE) String cookie, @Context HttpServerRequest request, @Context UriInfo uri) {
        Map<String, Collection<FormValue>> values = input.getValues();
        String lang = text(values, "lang");
        ClaimLinks.Opened opened = links.open(token);
        if (!(opened instanceof ClaimLinks.Open open)) {
            return invalidPage(opened, lang);
        }
        ClaimLink link = open.link();
        Locale locale = language(lang, link.facts.customer().locale());
        Optional<Response> limited = limited(request, locale);
        if (limited.isPresent()) {
            return limited.get();
        }
        if (link.used()) {
            return seeOther("/claim/" + token + "/done?lang=" + locale.getLanguage());
        }
        FormMessages m = messages(locale);
        Answers answers = answers(values, link.facts);
        Map<String, String> errors = new LinkedHashMap<>();
        String browser = browserToken(cookie);
        if (cookie == null || !tokens.isBound(SignedTokens.Purpose.FORM_CSRF, link.id + "|" + cookie, text(values, "csrf"))) {
            errors.put("send", m.errCsrf());
            return withCookie(Response.status(403).entity(formPage(token, link, locale, browser, answers, errors)), browser, cookie, uri);
        }
        List<ClaimIntake.PhotoFile> photos = photos(values, errors, m);
        validate(answers, link.facts, photos, errors, m);
        if (errors.isEmpty()) {
            try {
                Map<Integer, Integer> chosen = new LinkedHashMap<>();
                answers.quantities().forEach((item, quantity) -> {
                    if (quantity > 0) {
                        chosen.put(item, quantity);
                    }
                });
                claims.submit(link.id, new CustomerClaims.Choice(ClaimReason.valueOf(answers.reason()), chosen,
                        answers.description().isBlank() ? null : answers.description().strip(), answers.notWithNeighbour()), photos);
                return seeOther("/claim/" + token + "/done?lang=" + locale.getLanguage());
            } catch (ApiProblem refused) {
                if (refused.violations().stream().anyMatch(v -> v.field().startsWith("photos"))) {
                    errors.put("photos", photoProblem(refused, m));
                } else {
                    // The link's facts were checked when it was made; what else refuses a claim (the order pinned in
                    // another currency, a full backlog) is the shop's to sort out, not the customer's to fix.
                    LOG.warnf("Claim link %s: the claim was refused: %s", link.id, refused.getMessage());
                    errors.put("send", m.errNotTaken());
                }
            }
        }
        return withCookie(Response.status(400).entity(formPage(token, link, locale, browser, answers, errors)), browser, cookie, uri);
    }

    @GET
    @Path("/{token}/done")
    @Produces(MediaType.TEXT_HTML)
    public Response confirmation(@PathParam("token") String token, @QueryParam("lang") String lang) {
        ClaimLinks.Opened opened = links.open(token);
        if (!(opened instanceof ClaimLinks.Open open)) {
            return invalidPage(opened, lang);
        }
        ClaimLink link = open.link();
        Locale locale = language(lang, link.facts.customer().locale());
        if (!link.used()) {
            return seeOther("/claim/" + token + "?lang=" + locale.getLanguage());
        }
        ClaimView claim = claims.claimOf(link);
        return html(200, page(done, locale)
                .data("switchUrl", "/claim/" + token + "/done?lang=" + other(locale))
                .data("otherLang", other(locale))
                .data("alreadyUsed", false)
                .data("outcome", outcome(claim, messages(locale), locale))
                .data("evidenceUrl", claim.status() == ClaimStatus.AWAITING_EVIDENCE
                        ? links.evidenceUrl(claim.id(), claim.decision() == null ? null : claim.decision().deadline()) : null)
                .data("claimId", claim.id()));
    }

    // ---- The evidence page ----------------------------------------------------------------------------------

    @GET
    @Path("/{token}/evidence")
    @Produces(MediaType.TEXT_HTML)
    public Response evidence(@PathParam("token") String token, @QueryParam("lang") String lang, @QueryParam("sent") String sent,
                             @CookieParam(CSRF_COOKIE) String cookie, @Context UriInfo uri) {
        SignedTokens.Checked checked = links.checkEvidenceToken(token);
        if (!(checked instanceof SignedTokens.Valid valid)) {
            return invalidPage(new ClaimLinks.Invalid(checked instanceof SignedTokens.Expired, null), lang);
        }
        ClaimView claim = claims.claim(valid.subject());
        Locale locale = language(lang, claim.customer() == null ? null : claim.customer().locale());
        String browser = browserToken(cookie);
        return withCookie(Response.ok(evidencePage(token, claim.id(), locale, browser, sent != null, null)), browser, cookie, uri);
    }

    @POST
    @Path("/{token}/evidence")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response sendEvidence(@PathParam("token") String token, MultipartFormDataInput input,
                                 @CookieParam(CSRF_COOKIE) String cookie, @Context HttpServerRequest request, @Context UriInfo uri) {
        Map<String, Collection<FormValue>> values = input.getValues();
        String lang = text(values, "lang");
        SignedTokens.Checked checked = links.checkEvidenceToken(token);
        if (!(checked instanceof SignedTokens.Valid valid)) {
            return invalidPage(new ClaimLinks.Invalid(checked instanceof SignedTokens.Expired, null), lang);
        }
        ClaimView claim = claims.claim(valid.subject());
        Locale locale = language(lang, claim.customer() == null ? null : claim.customer().locale());
        Optional<Response> limited = limited(request, locale);
        if (limited.isPresent()) {
            return limited.get();
        }
        FormMessages m = messages(locale);
        String browser = browserToken(cookie);
        if (cookie == null || !tokens.isBound(SignedTokens.Purpose.FORM_CSRF, claim.id() + "|" + cookie, text(values, "csrf"))) {
            return withCookie(Response.status(403).entity(evidencePage(token, claim.id(), locale, browser, false, m.errCsrf())),
                    browser, cookie, uri);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        List<ClaimIntake.PhotoFile> photos = photos(values, errors, m);
        if (errors.isEmpty() && photos.isEmpty()) {
            errors.put("photos", m.errPhotoRequired());
        }
        if (errors.isEmpty()) {
            try {
                claims.addPhotos(claim.id(), photos);
                return seeOther("/claim/" + token + "/evidence?sent=1&lang=" + locale.getLanguage());
            } catch (ApiProblem refused) {
                errors.put("photos", photoProblem(refused, m));
            }
        }
        return withCookie(Response.status(400).entity(evidencePage(token, claim.id(), locale, browser, false, errors.get("photos"))),
                browser, cookie, uri);
    }

    // ---- Reading and checking the form ----------------------------------------------------------------------

    private static Answers answers(Map<String, Collection<FormValue>> values, ClaimLinkRequest facts) {
        Map<Integer, Integer> quantities = new LinkedHashMap<>();
        for (int i = 0; i < facts.items().size(); i++) {
            String sent = text(values, "quantity-" + i);
            if (sent == null || sent.isBlank()) {
                continue;
            }
            try {
                quantities.put(i, Integer.parseInt(sent.strip()));
            } catch (NumberFormatException e) {
                quantities.put(i, -1);
            }
        }
        String description = text(values, "description");
        return new Answers(quantities, text(values, "reason"), description == null ? "" : description,
                "yes".equals(text(values, "notWithNeighbour")));
    }

    private void validate(Answers answers, ClaimLinkRequest facts, List<ClaimIntake.PhotoFile> photos,
                          Map<String, String> errors, FormMessages m) {
        boolean anyChosen = false;
        for (Map.Entry<Integer, Integer> chosen : answers.quantities().entrySet()) {
            int ordered = facts.items().get(chosen.getKey()).quantity();
            if (chosen.getValue() < 0 || chosen.getValue() > ordered) {
                errors.put("quantity-" + chosen.getKey(), m.errQuantity(ordered));
            } else if (chosen.getValue() > 0) {
                anyChosen = true;
            }
        }
        if (!anyChosen && errors.keySet().stream().noneMatch(k -> k.startsWith("quantity-"))) {
            errors.put("items", m.errItems());
        }
        ClaimReason reason = CUSTOMER_REASONS.stream().filter(r -> r.name().equals(answers.reason())).findFirst().orElse(null);
        if (reason == null) {
            errors.put("reason", m.errReason());
        }
        // The proof follows the reason, as the starting policy asks for it: a photo of what arrived, or the
        // customer's word that a missing parcel is not waiting somewhere nearby.
        if ((reason == ClaimReason.DAMAGED || reason == ClaimReason.WRONG_ITEM) && photos.isEmpty() && !errors.containsKey("photos")) {
            errors.put("photos", m.errPhotoRequired());
        }
        if (reason == ClaimReason.NOT_RECEIVED && !answers.notWithNeighbour()) {
            errors.put("notWithNeighbour", m.errNotWithNeighbour());
        }
        if (answers.description().length() > MAX_DESCRIPTION || (reason == ClaimReason.OTHER && answers.description().isBlank())) {
            errors.put("description", m.errDescription());
        } else if (answers.description().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            // No keyboard types these; a NUL would even be refused by PostgreSQL after the photos were checked.
            errors.put("description", m.errDescriptionCharacters());
        }
    }

    /** The files chosen (an empty file input sends one empty, nameless part), within the count and size limits. */
    private List<ClaimIntake.PhotoFile> photos(Map<String, Collection<FormValue>> values, Map<String, String> errors, FormMessages m) {
        List<FormValue> files = values.getOrDefault("photos", List.of()).stream()
                .filter(FormValue::isFileItem)
                .filter(v -> !(isBlank(v.getFileName()) && size(v) == 0))
                .toList();
        int max = photoSettings.maxPerClaim();
        if (files.size() > max) {
            errors.put("photos", m.errPhotoCount(max));
            return List.of();
        }
        long maxSize = photoSettings.maxSize().asLongValue();
        List<ClaimIntake.PhotoFile> photos = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if (size(files.get(i)) > maxSize) {
                errors.put("photos", m.errPhotoSize());
                return List.of();
            }
            photos.add(new ClaimIntake.PhotoFile("photos[" + i + "]", bytes(files.get(i))));
        }
        return photos;
    }

    /** A photo the intake refused, in the customer's words: by its status (413 size, 415 type, 409 count). */
    private String photoProblem(ApiProblem refused, FormMessages m) {
        return switch (refused.status()) {
            case 413 -> m.errPhotoSize();
            case 409 -> m.errPhotoCount(photoSettings.maxPerClaim());
            default -> m.errPhotoType();
        };
    }

    // ---- Pages ------------------------------------------------------------------------------------------------

    private TemplateInstance formPage(String token, ClaimLink link, Locale locale, String browser, Answers answers,
                                      Map<String, String> errors) {
        FormMessages m = messages(locale);
        List<ClaimLinkRequest.Item> items = link.facts.items();
        List<ItemRow> rows = IntStream.range(0, items.size()).mapToObj(i -> {
            ClaimLinkRequest.Item item = items.get(i);
            int ordered = item.quantity();
            int chosen = Math.max(0, Math.min(ordered, answers.quantities().getOrDefault(i, items.size() == 1 && answers == Answers.NONE ? ordered : 0)));
            return new ItemRow(i, item.label(), ordered, price(item.unitPrice(), locale), chosen,
                    IntStream.rangeClosed(0, ordered).boxed().toList(), errors.get("quantity-" + i));
        }).toList();
        List<ReasonOption> reasons = CUSTOMER_REASONS.stream()
                .map(r -> new ReasonOption(r.name(), reasonLabel(r, m), r.name().equals(answers.reason()))).toList();
        List<ErrorLink> summary = errors.entrySet().stream()
                .map(e -> new ErrorLink(anchor(e.getKey()), e.getValue())).toList();
        return page(form, locale)
                .data("switchUrl", "/claim/" + token + "?lang=" + other(locale))
                .data("otherLang", other(locale))
                .data("action", "/claim/" + token)
                .data("csrf", tokens.bind(SignedTokens.Purpose.FORM_CSRF, link.id + "|" + browser))
                .data("orderId", link.orderId)
                .data("errors", summary)
                .data("items", rows)
                .data("itemsError", errors.get("items"))
                .data("reasons", reasons)
                .data("reasonError", errors.get("reason"))
                .data("photosError", errors.get("photos"))
                .data("neighbourError", errors.get("notWithNeighbour"))
                .data("notWithNeighbour", answers.notWithNeighbour())
                .data("description", answers.description())
                .data("descriptionError", errors.get("description"));
    }

    private TemplateInstance evidencePage(String token, String claimId, Locale locale, String browser, boolean sent, String error) {
        return page(evidence, locale)
                .data("switchUrl", "/claim/" + token + "/evidence?lang=" + other(locale) + (sent ? "&sent=1" : ""))
                .data("otherLang", other(locale))
                .data("action", "/claim/" + token + "/evidence")
                .data("csrf", tokens.bind(SignedTokens.Purpose.FORM_CSRF, claimId + "|" + browser))
                .data("sent", sent)
                .data("error", error);
    }

    private Response invalidPage(ClaimLinks.Opened opened, String lang) {
        ClaimLinks.Invalid why = opened instanceof ClaimLinks.Invalid invalidLink ? invalidLink : new ClaimLinks.Invalid(false, null);
        Locale locale = language(lang, why.locale());
        FormMessages m = messages(locale);
        return html(why.expired() ? 410 : 404, page(invalid, locale).data("title", m.invalidTitle())
                .data("message", why.expired() ? m.invalidExpired() : m.invalidForged()));
    }

    /** The decision, as the customer reads it. */
    private String outcome(ClaimView claim, FormMessages m, Locale locale) {
        DecisionAction action = claim.decision() == null ? null : claim.decision().action();
        if (action == null) {
            return m.doneReceived();
        }
        return switch (action) {
            case REFUND -> m.doneRefund(MessageValues.formatAmount(claim.decision().amount() != null
                    ? claim.decision().amount() : claim.amount(), locale));
            case RESHIP -> m.doneReship();
            case EXCHANGE -> m.doneExchange();
            case REQUEST_EVIDENCE -> m.donePhoto();
            case HUMAN_REVIEW -> m.doneReview(Math.max(1, reviewSla.toHours()));
            case DENY -> m.doneDeny();
            default -> m.doneReceived();
        };
    }

    private Optional<Response> limited(HttpServerRequest request, Locale locale) {
        String address = request.remoteAddress() == null || request.remoteAddress().host() == null ? "unknown" : request.remoteAddress().host();
        Optional<Instant> until = posts.allow(address);
        if (until.isEmpty()) {
            return Optional.empty();
        }
        long minutes = Math.max(1, (Duration.between(clock.instant(), until.get()).toSeconds() + 59) / 60);
        return Optional.of(Response.status(429).header("Retry-After", Math.max(1, Duration.between(clock.instant(), until.get()).toSeconds()))
                .type(HTML).entity(page(invalid, locale).data("title", messages(locale).tooManyTitle())
                        .data("message", messages(locale).tooMany(minutes))).build());
    }

    private static String reasonLabel(ClaimReason reason, FormMessages m) {
        return switch (reason) {
            case DAMAGED -> m.reasonDamaged();
            case WRONG_ITEM -> m.reasonWrongItem();
            case NOT_RECEIVED -> m.reasonNotReceived();
            default -> m.reasonOther();
        };
    }

    /** Where the error summary links: the field itself, or the first of a group. */
    private static String anchor(String field) {
        return switch (field) {
            case "reason" -> "reason-" + CUSTOMER_REASONS.get(0).name();
            case "items" -> "quantity-0";
            default -> field;
        };
    }

    static Locale language(String asked, String customerLocale) {
        String chosen = asked != null && !asked.isBlank() ? asked : customerLocale;
        String language = chosen == null ? "en" : Locale.forLanguageTag(chosen.strip()).getLanguage();
        return "fr".equals(language) ? Locale.FRENCH : Locale.ENGLISH;
    }

    private static String other(Locale locale) {
        return "fr".equals(locale.getLanguage()) ? "en" : "fr";
    }

    static FormMessages messages(Locale locale) {
        return MessageBundles.get(FormMessages.class, Localized.Literal.of(locale.getLanguage()));
    }

    private static TemplateInstance page(Template template, Locale locale) {
        TemplateInstance instance = template.instance().data("lang", locale.getLanguage());
        instance.setLocale(locale);
        return instance;
    }

    private static String price(Money money, Locale locale) {
        return MessageValues.formatAmount(money, locale);
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(HTML).entity(page).build();
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** This browser's random CSRF value: the one it sent, or a new one. */
    private static String browserToken(String cookie) {
        if (cookie != null && cookie.matches("[A-Za-z0-9_-]{22}")) {
            return cookie;
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Response withCookie(Response.ResponseBuilder response, String browser, String sent, UriInfo uri) {
        response.type(HTML);
        if (!browser.equals(sent)) {
            response.cookie(new NewCookie.Builder(CSRF_COOKIE).value(browser).path("/claim").httpOnly(true)
                    .sameSite(NewCookie.SameSite.STRICT).secure("https".equals(uri.getBaseUri().getScheme())).build());
        }
        return response.build();
    }

    private static String text(Map<String, Collection<FormValue>> values, String name) {
        Collection<FormValue> sent = values.get(name);
        if (sent == null || sent.isEmpty()) {
            return null;
        }
        FormValue first = sent.iterator().next();
        return first.isFileItem() ? null : first.getValue();
    }

    private static long size(FormValue value) {
        try {
            return value.getFileItem().getFileSize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(FormValue value) {
        try (InputStream in = value.getFileItem().getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

package io.claimpilot.console;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimHistory;
import io.claimpilot.claim.ClaimHistory.By;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.claim.EvidenceAuthor;
import io.claimpilot.claim.EvidenceRequest;
import io.claimpilot.flow.ClaimIntake;
import io.claimpilot.flow.ClaimQueries;
import io.claimpilot.photo.ClaimPhotos;
import io.claimpilot.photo.PhotoResponses;
import io.claimpilot.flow.ReviewDesk;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.flow.ClaimView;
import io.claimpilot.claim.EvidenceType;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.DecisionService;
import io.claimpilot.feedback.DecisionVerdicts;
import io.claimpilot.feedback.Verdict;
import io.claimpilot.review.Resolution;
import io.claimpilot.review.ReviewEvent;
import io.claimpilot.review.ReviewQueue;
import io.claimpilot.security.Roles;
import io.claimpilot.stock.StockSource;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One claim as an agent works it: the claim, order, evidence, the customer's history, the policy's decision with
 * the facts snapshot stored with it, stock and the audit trail; and the actions, through the same ReviewDesk methods as the API,
 * so every money-safety limit and the four-eyes rule apply.
 */
@Path("/console/claims/{claimId}")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.AGENT)
public class ClaimPage extends ConsolePage {

    private static final int HISTORY = 20;

    @Inject
    ClaimQueries claims;
    @Inject
    ReviewDesk reviews;
    @Inject
    ReviewQueue queue;
    @Inject
    DecisionService decisions;
    @Inject
    ClaimHistory history;
    @Inject
    StockSource stock;
    @Inject
    DecisionVerdicts verdicts;
    @Inject
    ClaimIntake intake;
    @Inject
    ClaimPhotos claimPhotos;
    @Inject
    Clock clock;

    public record Photo(String url, int number) {
    }

    public record ItemRow(String sku, int quantity, String unitPrice, int available, boolean enough) {
    }

    public record PastRow(String id, String orderId, String reason, String status, String amount, String refunded, String when) {
    }

    public record AuditRow(Instant at, String when, String who, String what, String why) {
    }

    /** Everything the page shows. {@code state}: mine, other, free or closed. */
    public record View(ClaimView claim, String amount, String totalPaid, String refundable, String placedAt, String shippedAt,
                       String createdAt, List<Photo> photos, List<String> trackingNumbers, List<ItemRow> items,
                       List<PastRow> past, Map<String, String> totals, Decision policy, String policyAmount,
                       List<AgentViews.Fact> facts, List<AuditRow> audit, String state, String assignee,
                       ReviewQueue.PendingApproval pending, String pendingAmount, boolean canApprove, String why,
                       String timeLeft, boolean judgeable, String verdict) {
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance claim(View view, String error, String notice);
    }

    @GET
    @Transactional
    public TemplateInstance show(@PathParam("claimId") String claimId, @QueryParam("refused") String refused,
                                 @QueryParam("notice") String notice) {
        View view = view(claimId);
        ConsoleMessages msg = console.messages();
        String error = "taken".equals(refused) && view.assignee() != null ? msg.takenByOther(view.assignee()) : null;
        String shown = "pending".equals(notice) ? msg.proposedWaits()
                : "evidence".equals(notice) ? photoMessages().evidenceAdded()
                : "verdict".equals(notice) ? feedbackMessages().verdictSaved() : null;
        return page(Templates.claim(view, error, shown));
    }

    /** One form per action; the note is required by ReviewDesk, the amount checked against the order's balance. */
    @POST
    @Path("/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@PathParam("claimId") String claimId, @RestForm String action, @RestForm String refund,
                            @RestForm String amount, @RestForm String deadlineHours, @RestForm String note) {
        return act(claimId, () -> {
            ClaimView claim = claims.get(claimId, null);
            Resolution resolution = resolution(claim, action, refund, amount, deadlineHours, note);
            ReviewDesk.Outcome outcome = reviews.resolve(claimId, console.username(), resolution);
            if (outcome.pending() != null) {
                return seeOther("/console/claims/" + claimId + "?notice=pending");
            }
            return seeOther("/console/queue?done=" + claimId + "&doneKind=resolved");
        });
    }

    /**
     * The agent's verdict on the policy's latest decision on this claim (the button pressed: WRONG or RIGHT), through
     * the same DecisionVerdicts method as the API; a later verdict replaces the earlier one.
     */
    @POST
    @Path("/feedback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response feedback(@PathParam("claimId") String claimId, @RestForm String verdict, @RestForm String note) {
        return act(claimId, () -> {
            verdicts.give(claimId, console.username(), new DecisionVerdicts.Request(verdict, note));
            return seeOther("/console/claims/" + claimId + "?notice=verdict");
        });
    }

    /**
     * An agent attaches a photo file to the claim, through the same ClaimIntake method as the API: checked from its
     * content, stripped of its metadata, and a claim waiting for a photo is evaluated again.
     */
    @POST
    @Path("/photos")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response uploadPhoto(@PathParam("claimId") String claimId, @RestForm("photo") List<FileUpload> photo) {
        return act(claimId, () -> {
            if (photo == null || photo.isEmpty()) {
                throw ApiProblem.invalidField("photo", "choose a photo to upload");
            }
            byte[] content = claimPhotos.readUpload("photo", photo.get(0).uploadedFile());
            intake.addPhoto(claimId, EvidenceAuthor.agent(console.username()), "photo", content);
            return seeOther("/console/claims/" + claimId + "?notice=evidence");
        });
    }

    /** An agent adds a link to a photo as evidence, as {@code POST /api/claims/{id}/evidence} does. */
    @POST
    @Path("/evidence")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addPhotoLink(@PathParam("claimId") String claimId, @RestForm String url) {
        return act(claimId, () -> {
            intake.addEvidence(claimId, EvidenceAuthor.agent(console.username()),
                    new EvidenceRequest(EvidenceType.PHOTO, url == null ? null : url.strip(), null));
            return seeOther("/console/claims/" + claimId + "?notice=evidence");
        });
    }

    /** A photo stored with the claim, for the page's thumbnails, to signed-in agents only. */
    @GET
    @Path("/photos/{photoId}")
    @Produces(MediaType.WILDCARD)
    @Transactional
    public Response photo(@PathParam("claimId") String claimId, @PathParam("photoId") String photoId) {
        Claim.require(claimId);
        return PhotoResponses.inline(claimPhotos.content(claimId, photoId));
    }

    /** A second agent approves a refund above the four-eyes amount; the proposer cannot. */
    @POST
    @Path("/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("claimId") String claimId, @RestForm String proposalId, @RestForm String note) {
        return act(claimId, () -> {
            reviews.approve(claimId, console.username(), new ReviewDesk.Approval(proposalId, note));
            return seeOther("/console/queue?done=" + claimId + "&doneKind=resolved");
        });
    }

    @POST
    @Path("/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response release(@PathParam("claimId") String claimId) {
        return act(claimId, () -> {
            reviews.release(claimId, console.username());
            return seeOther("/console/queue?done=" + claimId + "&doneKind=released");
        });
    }

    /**
     * Runs an agent's action; when ReviewDesk refuses it, the claim page comes back with the reason at the top and
     * nothing changed. An unknown claim stays a 404.
     */
    private Response act(String claimId, Supplier<Response> action) {
        try {
            return action.get();
        } catch (ApiProblem problem) {
            if (problem.status() == 404) {
                throw problem;
            }
            return page(problem.status(), Templates.claim(view(claimId), console.messages().blocked(problem.getMessage()), null));
        }
    }

    private Resolution resolution(ClaimView claim, String action, String refund, String amount, String deadlineHours, String note) {
        DecisionAction chosen;
        try {
            chosen = DecisionAction.valueOf(action == null ? "" : action);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("action", "must be one of REFUND, RESHIP, EXCHANGE, DENY, REQUEST_EVIDENCE");
        }
        Money money = null;
        if (chosen == DecisionAction.REFUND) {
            money = "partial".equals(refund) ? parseAmount(amount, claim.amount().currency()) : claim.amount();
        }
        Instant deadline = null;
        if (chosen == DecisionAction.REQUEST_EVIDENCE) {
            try {
                deadline = clock.instant().plus(Duration.ofHours(Long.parseLong(deadlineHours == null ? "" : deadlineHours.strip())));
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidField("deadline", "give the deadline as a whole number of hours");
            }
        }
        return new Resolution(chosen, money, note, deadline);
    }

    private static Money parseAmount(String amount, String currency) {
        try {
            return new Money(new BigDecimal(amount == null ? "" : amount.strip().replace(',', '.')), currency);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("amount", "'" + amount + "' is not an amount");
        }
    }

    @Transactional
    View view(String claimId) {
        ClaimView claim = claims.get(claimId, null);
        ConsoleMessages msg = console.messages();
        String currency = claim.amount().currency();
        Instant now = clock.instant();

        List<Photo> photos = new ArrayList<>();
        List<String> tracking = new ArrayList<>();
        for (ClaimView.EvidenceView evidence : claim.evidence()) {
            if (evidence.type() == EvidenceType.PHOTO && evidence.photoId() != null) {
                // Stored with the claim: served by this page's session, never by a link anyone could open.
                photos.add(new Photo("/console/claims/" + claimId + "/photos/" + evidence.photoId(), photos.size() + 1));
            } else if (evidence.type() == EvidenceType.PHOTO && AgentViews.isWebLink(evidence.url())) {
                photos.add(new Photo(evidence.url(), photos.size() + 1));
            } else if (evidence.trackingNumber() != null) {
                tracking.add(evidence.trackingNumber());
            }
        }

        Map<String, Integer> levels = stock.available(claim.items().stream().map(ClaimItem::sku).distinct().toList());
        List<ItemRow> items = claim.items().stream()
                .map(item -> new ItemRow(item.sku(), item.quantity(), AgentViews.money(item.unitPrice()),
                        levels.getOrDefault(item.sku(), 0), levels.getOrDefault(item.sku(), 0) >= item.quantity()))
                .toList();

        String customerId = claim.customer().id();
        List<PastRow> past = history.otherClaimsOf(customerId, claimId, HISTORY).stream()
                .map(p -> new PastRow(p.id(), p.orderId(), p.reason().name(), p.status().name(), AgentViews.money(p.amount()),
                        AgentViews.money(p.refunded()), AgentViews.when(p.createdAt())))
                .toList();
        Instant days30 = now.minus(Duration.ofDays(30));
        Instant days90 = now.minus(Duration.ofDays(90));
        Map<String, String> totals = new java.util.LinkedHashMap<>();
        totals.put(msg.claims30(), Integer.toString(history.claimsSince(By.CUSTOMER, customerId, days30)));
        totals.put(msg.claims90(), Integer.toString(history.claimsSince(By.CUSTOMER, customerId, days90)));
        totals.put(msg.refunded30(), AgentViews.money(Money.canonical(history.refundedSince(By.CUSTOMER, customerId, currency, days30), currency)));
        totals.put(msg.refunded90(), AgentViews.money(Money.canonical(history.refundedSince(By.CUSTOMER, customerId, currency, days90), currency)));
        // Left to refund now, which an agent's refund is checked against; the facts table keeps what the policy saw.
        // Live, not the snapshot's: it is what an agent's refund is checked against now.
        Money refundable = history.leftToRefund(Claim.require(claimId));

        // The decision with the facts snapshot stored with it: the table shows exactly what its rules saw, never facts
        // gathered again for this view (the order, stock and history may have moved since).
        Decision policy = decisions.latestPolicyDecisionFor(claimId);

        List<AuditRow> audit = new ArrayList<>();
        claim.audit().forEach(a -> audit.add(new AuditRow(a.at(), AgentViews.when(a.at()), a.actor(),
                (a.from() == null ? "" : a.from() + " → ") + a.to(), a.reason())));
        queue.events(claimId).forEach(e -> audit.add(new AuditRow(e.at, AgentViews.when(e.at), e.actor, e.kind.name(), e.detail)));
        audit.sort(Comparator.comparing(AuditRow::at));

        var task = queue.openTaskOf(claimId);
        String me = console.username();
        String state = task.isEmpty() || claim.status() != ClaimStatus.IN_REVIEW ? "closed"
                : task.get().assignee() == null ? "free" : task.get().assignee().equals(me) ? "mine" : "other";
        ReviewQueue.PendingApproval pending = task.map(ReviewQueue.QueueRow::pendingApproval).orElse(null);
        boolean canApprove = pending != null && !pending.proposedBy().equals(me);
        FeedbackMessages fbk = feedbackMessages();
        // The verdict form is about the policy's latest decision, the one the API's feedback endpoint judges.
        boolean judgeable = verdicts.latestAutomatic(claimId).isPresent();
        String verdict = verdicts.forLatestAutomaticDecision(claimId)
                .map(v -> v.verdict() == Verdict.WRONG ? fbk.currentWrong(v.givenBy(), AgentViews.when(v.givenAt()))
                        : fbk.currentRight(v.givenBy(), AgentViews.when(v.givenAt())))
                .orElse(null);

        return new View(claim, AgentViews.money(claim.amount()), AgentViews.money(claim.order().totalPaid()),
                AgentViews.money(refundable), AgentViews.when(claim.order().placedAt()),
                AgentViews.when(claim.order().shippedAt()), AgentViews.when(claim.createdAt()), photos, tracking, items, past,
                totals, policy, policy == null ? "" : AgentViews.money(policy.money()), AgentViews.facts(policy == null ? null : policy.facts), audit,
                state, task.map(ReviewQueue.QueueRow::assignee).orElse(null), pending,
                pending == null ? "" : AgentViews.money(pending.amount()), canApprove,
                task.map(ReviewQueue.QueueRow::why).orElse(null),
                task.map(t -> AgentViews.timeLeft(t.timeLeft(), msg)).orElse(""), judgeable, verdict);
    }

    private PhotoMessages photoMessages() {
        return io.quarkus.qute.i18n.MessageBundles.get(PhotoMessages.class,
                io.quarkus.qute.i18n.Localized.Literal.of(console.locale().toLanguageTag()));
    }

    private FeedbackMessages feedbackMessages() {
        return io.quarkus.qute.i18n.MessageBundles.get(FeedbackMessages.class,
                io.quarkus.qute.i18n.Localized.Literal.of(console.locale().toLanguageTag()));
    }
}

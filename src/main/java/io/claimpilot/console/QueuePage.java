package io.claimpilot.console;

import io.claimpilot.claim.ClaimReason;
import io.claimpilot.flow.ClaimQueries;
import io.claimpilot.flow.ReviewDesk;
import io.claimpilot.flow.ClaimView;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Page;
import io.claimpilot.review.ReviewQueue;
import io.claimpilot.review.ReviewQueue.Assignment;
import io.claimpilot.review.ReviewQueue.QueueFilter;
import io.claimpilot.security.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The agents' queue: claims waiting for a person, the least time left first, with filters. */
@Path("/console/queue")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.AGENT)
public class QueuePage extends ConsolePage {

    static final int PAGE_SIZE = 50;

    @Inject
    ReviewDesk reviews;
    @Inject
    ReviewQueue queue;
    @Inject
    ClaimQueries claims;

    /** The filters as the form sent them, to show them again. */
    public record Filters(String reason, String min, String max, String olderThanHours, String assigned, boolean breached) {
    }

    /** Links to the neighbouring pages of the queue, keeping the filters; null where there is no such page. */
    public record Paging(int page, int pages, String previous, String next) {
    }

    /** One queue row as the page shows it. */
    public record Row(String claimId, String customer, String orderId, String amount, String reason, String why,
                      String timeLeft, boolean breached, String assignee, boolean pendingApproval) {
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance queue(List<Row> rows, long total, Paging paging, Filters filters, List<String> reasons,
                                             String done, String doneKind);
    }

    @GET
    public TemplateInstance queue(@QueryParam("reason") String reason, @QueryParam("min") String min,
                                  @QueryParam("max") String max, @QueryParam("olderThanHours") String olderThanHours,
                                  @QueryParam("assigned") @DefaultValue("all") String assigned,
                                  @QueryParam("breached") boolean breached, @QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("done") String done, @QueryParam("doneKind") String doneKind) {
        Filters filters = new Filters(blankToNull(reason), blankToNull(min), blankToNull(max), blankToNull(olderThanHours), assigned, breached);
        QueueFilter filter = new QueueFilter(reasonOf(filters.reason()), amount("min", filters.min()), amount("max", filters.max()),
                hours(filters.olderThanHours()), assignment(assigned), breached);
        Page<ReviewQueue.QueueRow> rowsPage = queue.queue(filter, console.username(), Math.max(0, page), PAGE_SIZE);
        ConsoleMessages msg = console.messages();
        List<Row> rows = rowsPage.items().stream().map(row -> row(row, msg)).toList();
        List<String> reasons = Arrays.stream(ClaimReason.values()).map(Enum::name).toList();
        return page(Templates.queue(rows, rowsPage.total(), paging(filters, rowsPage), filters, reasons, done, doneKind));
    }

    /** Takes the claim and opens it; if another agent was quicker, their name is shown on the claim page. */
    @POST
    @Path("/{claimId}/take")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response take(@PathParam("claimId") String claimId) {
        try {
            reviews.take(claimId, console.username());
            return seeOther("/console/claims/" + claimId);
        } catch (ApiProblem problem) {
            if (problem.status() == 409) {
                return seeOther("/console/claims/" + claimId + "?refused=taken");
            }
            throw problem;
        }
    }

    private Row row(ReviewQueue.QueueRow row, ConsoleMessages msg) {
        ClaimView claim = claims.get(row.claimId(), null);
        String customer = claim.customer().name() != null ? claim.customer().name()
                : claim.customer().email() != null ? claim.customer().email() : claim.customer().id();
        return new Row(row.claimId(), customer, claim.orderId(), AgentViews.money(row.amount()), row.claimReason(),
                row.why(), AgentViews.timeLeft(row.timeLeft(), msg), row.breached(), row.assignee(), row.pendingApproval() != null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String reasonOf(String reason) {
        if (reason == null) {
            return null;
        }
        try {
            return ClaimReason.valueOf(reason).name();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("reason", "is not a claim reason");
        }
    }

    private static BigDecimal amount(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(field, "'" + value + "' is not an amount");
        }
    }

    private static Duration hours(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofHours(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("olderThanHours", "'" + value + "' is not a whole number of hours");
        }
    }

    private static Assignment assignment(String value) {
        return switch (value == null ? "all" : value) {
            case "mine" -> Assignment.MINE;
            case "unassigned" -> Assignment.UNASSIGNED;
            default -> Assignment.ALL;
        };
    }

    private static Paging paging(Filters filters, Page<?> shown) {
        int pages = (int) Math.max(1, (shown.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String previous = shown.page() > 0 ? queueLink(filters, shown.page() - 1) : null;
        String next = shown.page() + 1 < pages ? queueLink(filters, shown.page() + 1) : null;
        return new Paging(shown.page() + 1, pages, previous, next);
    }

    private static String queueLink(Filters filters, int page) {
        jakarta.ws.rs.core.UriBuilder link = jakarta.ws.rs.core.UriBuilder.fromPath("/console/queue");
        addIfSet(link, "reason", filters.reason());
        addIfSet(link, "min", filters.min());
        addIfSet(link, "max", filters.max());
        addIfSet(link, "olderThanHours", filters.olderThanHours());
        addIfSet(link, "assigned", filters.assigned());
        if (filters.breached()) {
            link.queryParam("breached", "true");
        }
        return link.queryParam("page", page).build().toString();
    }

    private static void addIfSet(jakarta.ws.rs.core.UriBuilder link, String name, String value) {
        if (value != null) {
            link.queryParam(name, value);
        }
    }
}

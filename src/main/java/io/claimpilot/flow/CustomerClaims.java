package io.claimpilot.flow;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimLifecycle;
import io.claimpilot.claim.ClaimReason;
import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.claim.EvidenceAuthor;
import io.claimpilot.claimlink.ClaimLink;
import io.claimpilot.claimlink.ClaimLinkRequest;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claims customers make themselves, from a shop's claim link (the form at {@code /claim/{token}}), and the photos they
 * send for a claim waiting for one. A claim goes through the normal intake, as the shop's claim with the link's id as
 * externalId, so the policy decides it as any other.
 */
@ApplicationScoped
public class CustomerClaims {

    /** The audit's name for the form, as evidence rows and audit rows show it. */
    public static final EvidenceAuthor CUSTOMER_FORM = EvidenceAuthor.channel("customer-form");

    @Inject
    ClaimIntake intake;
    @Inject
    ClaimQueries queries;
    @Inject
    ClaimLifecycle lifecycle;
    @Inject
    Clock clock;

    /**
     * What the customer chose: the reason, how many of each of the link's items (by position), their words, and
     * whether they confirmed a missing parcel is not at a neighbour's or the pick-up point.
     */
    public record Choice(ClaimReason reason, Map<Integer, Integer> quantities, String description, boolean notWithNeighbour) {
    }

    /** The claim the link made, and whether this submit made it (false: an earlier submit of the same link did). */
    public record Submitted(ClaimView claim, boolean created) {
    }

    /**
     * Makes the link's claim. The link's row is locked first, so two submits of one link take turns and the second
     * finds the first's claim (the intake's externalId check would also refuse a second claim). A refused claim
     * (ApiProblem) rolls everything back, the link stays unused.
     */
    @Transactional
    public Submitted submit(String linkId, Choice choice, List<ClaimIntake.PhotoFile> photos) {
        ClaimLink link = ClaimLink.lockedById(linkId);
        if (link == null || link.facts == null) {
            throw ApiProblem.notFound("Claim link " + linkId);
        }
        if (link.used()) {
            return new Submitted(queries.get(link.claimId, null), false);
        }
        ClaimIntake.Submission submission = intake.submitFromCustomer(link.caller, request(link, choice), choice.description(),
                CUSTOMER_FORM, photos);
        Claim claim = Claim.require(submission.claim().id());
        if (choice.notWithNeighbour()) {
            lifecycle.record(claim, CUSTOMER_FORM.actor(), "The customer confirmed the parcel is not at a neighbour's or the pick-up point");
        }
        link.claimId = claim.id;
        link.usedAt = clock.instant();
        return new Submitted(submission.claim(), submission.created());
    }

    /** The claim a used link made, as it stands now. */
    @Transactional
    public ClaimView claimOf(ClaimLink link) {
        return queries.get(link.claimId, null);
    }

    @Transactional
    public ClaimView claim(String claimId) {
        return queries.get(claimId, null);
    }

    /** Photos the customer sent from the evidence page: all stored, or none; a claim waiting for one is decided again. */
    @Transactional
    public ClaimView addPhotos(String claimId, List<ClaimIntake.PhotoFile> photos) {
        ClaimView view = null;
        for (ClaimIntake.PhotoFile photo : photos) {
            view = intake.addPhoto(claimId, CUSTOMER_FORM, photo.field(), photo.content());
        }
        return view;
    }

    /** The claim's body: the link's facts, the items chosen (their value is the claimed amount), and the reason. */
    private static ClaimRequest request(ClaimLink link, Choice choice) {
        ClaimLinkRequest facts = link.facts;
        List<ClaimRequest.Item> items = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        String currency = facts.order() != null && facts.order().totalPaid() != null ? facts.order().totalPaid().currency() : null;
        for (Map.Entry<Integer, Integer> chosen : choice.quantities().entrySet()) {
            ClaimLinkRequest.Item item = facts.items().get(chosen.getKey());
            items.add(item.asClaimItem(chosen.getValue()));
            total = total.add(item.unitPrice().amount().multiply(BigDecimal.valueOf(chosen.getValue())));
            currency = item.unitPrice().currency();
        }
        return new ClaimRequest(link.id, facts.orderId(), choice.reason(), facts.customer(), Money.canonical(total, currency),
                items, facts.order(), List.of(), facts.shippingAddress());
    }
}

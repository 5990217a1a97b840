package io.claimpilot.flow;

import io.claimpilot.accounting.AccountingSettings;
import io.claimpilot.accounting.VatSplit;
import io.claimpilot.action.MessageSituation;
import io.claimpilot.claim.AdvisoryLocks;
import io.claimpilot.claim.Addresses;
import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimCancelled;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.claim.ClaimLifecycle;
import io.claimpilot.claim.ClaimRequest;
import io.claimpilot.claim.ClaimRequestValidator;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.claim.Evidence;
import io.claimpilot.claim.EvidenceAuthor;
import io.claimpilot.claim.EvidenceRequest;
import io.claimpilot.claim.EvidenceType;
import io.claimpilot.claim.OrderRecord;
import io.claimpilot.claim.OrderRecords;
import io.claimpilot.claim.TrackingStatus;
import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Ids;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionService;
import io.claimpilot.photo.ClaimPhoto;
import io.claimpilot.photo.ClaimPhotos;
import io.claimpilot.photo.CleanPhoto;
import io.claimpilot.photo.PhotoCleaner;
import io.claimpilot.policy.PolicyEngine;
import io.claimpilot.policy.PolicyRollouts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Stage 1 of the flow: a claim comes in (or its evidence, or its withdrawal), is validated, deduplicated by the
 * caller's externalId, stored, acknowledged, and handed to {@link ClaimDecider} — all in one transaction, so a claim,
 * its decision, its audit rows and its queued actions are stored together or not at all.
 */
@ApplicationScoped
public class ClaimIntake {

    @Inject
    ClaimLifecycle lifecycle;
    @Inject
    AdvisoryLocks locks;
    @Inject
    PolicyEngine policy;
    @Inject
    PolicyRollouts rollouts;
    @Inject
    DecisionService decisions;
    @Inject
    ClaimDecider decider;
    @Inject
    ActionPlan actions;
    @Inject
    ClaimQueries queries;
    @Inject
    OrderRecords orders;
    @Inject
    ClaimPhotos photos;
    @Inject
    Event<ClaimCancelled> cancelled;
    @Inject
    ClaimEventFeed eventFeed;
    @Inject
    AccountingSettings accounting;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    /** The claim, and whether this request created it (false: the same externalId was sent before). */
    public record Submission(ClaimView claim, boolean created) {
    }

    @Transactional
    public Submission submit(String caller, ClaimRequest request) {
        return submit(caller, request, null, null, List.of());
    }

    /** A photo file sent with a new claim; {@code field} names where it came in, for the problems. */
    public record PhotoFile(String field, byte[] content) {
    }

    /**
     * A new claim from the customer form, with the customer's own words (or null) and photo files: the photos are
     * checked, stored and added as PHOTO evidence before the policy decides, so it decides once, with them, and never
     * asks the customer for a photo they sent. A photo refused (type, size, count) refuses the claim: nothing is stored.
     */
    @Transactional
    public Submission submitFromCustomer(String caller, ClaimRequest request, String customerDescription, EvidenceAuthor by,
                                         List<PhotoFile> files) {
        return submit(caller, request, customerDescription, by, files);
    }

    private Submission submit(String caller, ClaimRequest request, String customerDescription, EvidenceAuthor photosBy,
                              List<PhotoFile> files) {
        ClaimRequestValidator.check(request);
        locks.lockExternalId(caller, request.externalId());
        Claim existing = Claim.findByExternalId(caller, request.externalId());
        if (existing != null) {
            return new Submission(queries.view(existing), false);
        }
        locks.lockOrder(request.orderId());
        Claim claim = newClaim(caller, request);
        claim.customerDescription = customerDescription;
        // The first claim seen for an order pins what it paid; a claim in another currency is refused, nothing stored.
        OrderRecord order = orders.pin(claim.orderId, claim.orderTotal(), claim.paymentReference, claim.id, caller);
        OrderRecords.requirePaymentCurrency(order, claim.currency, "amount.currency");
        lifecycle.receive(claim, caller);
        actions.notifyCustomer(claim, MessageSituation.ACKNOWLEDGMENT);
        List<Evidence> evidence = new java.util.ArrayList<>(request.evidence().stream().map(sent -> storeEvidence(claim, sent, caller)).toList());
        em.flush();
        for (PhotoFile file : files) {
            evidence.add(storePhoto(claim, photosBy, file.field(), file.content()));
        }
        eventFeed.created(claim);
        // A pilot decides its cohort's claims with its version; the others go to the control.
        Decision decision = decider.decide(claim, rollouts.route(claim.customerId), evidence);
        return new Submission(queries.viewOfNew(claim, evidence, decision), true);
    }

    /**
     * New evidence for a claim waiting for it is evaluated again, with the version that asked for it, in the pilot
     * cohort that decision was made in: a claim stays on the side of a pilot it started on.
     */
    @Transactional
    public ClaimView addEvidence(String claimId, EvidenceAuthor by, EvidenceRequest evidence) {
        ClaimRequestValidator.check(evidence);
        Claim claim = lockedClaim(claimId, by);
        storeEvidence(claim, evidence, by.actor());
        lifecycle.record(claim, by.actor(), "Evidence added: " + evidence.type()
                + (evidence.type() == EvidenceType.PHOTO ? " (link)" : ""));
        return evaluateAgainIfWaiting(claim);
    }

    /**
     * A photo sent as a file (an upload, the customer form, a helpdesk attachment): checked from its content,
     * stripped of its metadata, stored with the claim, and added as PHOTO evidence, which re-evaluates a claim waiting
     * for it exactly as {@link #addEvidence} does. {@code field} names where the photo came in, for the problems.
     */
    @Transactional
    public ClaimView addPhoto(String claimId, EvidenceAuthor by, String field, byte[] content) {
        Claim claim = lockedClaim(claimId, by);
        storePhoto(claim, by, field, content);
        return evaluateAgainIfWaiting(claim);
    }

    private Evidence storePhoto(Claim claim, EvidenceAuthor by, String field, byte[] content) {
        photos.requireWithinSize(field, content == null ? 0 : content.length);
        CleanPhoto clean = PhotoCleaner.clean(field, content);
        ClaimPhoto photo = photos.add(claim.id, field, clean, by.actor());
        Evidence evidence = newEvidence(claim, EvidenceType.PHOTO, by.actor());
        evidence.photoId = photo.id;
        evidence.persist();
        lifecycle.record(claim, by.actor(), "Evidence added: PHOTO (" + photo.contentType + ", " + photo.sizeBytes
                + " bytes, " + photo.id + ")");
        return evidence;
    }

    /** The claim, if {@code by} may reach it, with its order locked: evidence for one claim is added one at a time. */
    private Claim lockedClaim(String claimId, EvidenceAuthor by) {
        Claim claim = Claim.visibleTo(claimId, by.shop());
        locks.lockOrder(claim.orderId);
        return claim;
    }

    private ClaimView evaluateAgainIfWaiting(Claim claim) {
        em.flush();
        if (claim.status == ClaimStatus.AWAITING_EVIDENCE) {
            Decision asking = decisions.latestPolicyDecisionFor(claim.id);
            decider.decide(claim, new PolicyRollouts.Route(policy.version(claim.policyVersion),
                    asking == null ? null : asking.cohort, null));
        }
        return queries.view(claim);
    }

    /**
     * The shop withdraws a claim that nothing has acted on yet. A refund or reshipment left from an earlier decision
     * (one that failed and sent the claim to review) is superseded: nobody can retry it afterwards.
     */
    @Transactional
    public ClaimView cancel(String claimId, String caller, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalidField("reason", "is required");
        }
        Claim claim = Claim.visibleTo(claimId, caller);
        locks.lockOrder(claim.orderId);
        lifecycle.move(claim, ClaimStatus.CANCELLED, caller, reason.strip());
        // The reason is free text the audit row keeps (and erasure reaches); the action only says who withdrew it.
        actions.supersede(claim, caller, "claim cancelled");
        cancelled.fire(new ClaimCancelled(claim.id, caller));
        return queries.view(claim);
    }

    private Claim newClaim(String caller, ClaimRequest request) {
        Instant now = clock.instant();
        Claim claim = new Claim();
        claim.id = Ids.newId("cl");
        claim.caller = caller;
        claim.externalId = request.externalId();
        claim.orderId = request.orderId();
        claim.reason = request.reason();
        claim.customerId = request.customer().id();
        // E-mails are compared case-insensitively everywhere: stored the way they are compared.
        claim.customerEmail = Addresses.email(request.customer().email());
        claim.customerLocale = request.customer().locale();
        claim.amount = request.amount().amount();
        claim.currency = request.amount().currency();
        claim.fulfillment = request.order().fulfillment();
        claim.orderTotalPaid = request.order().totalPaid().amount();
        claim.paymentReference = request.order().paymentReference();
        claim.orderPlacedAt = request.order().placedAt();
        claim.shippedAt = request.order().shippedAt();
        claim.trackingStatus = request.order().trackingStatus() == null ? TrackingStatus.UNKNOWN : request.order().trackingStatus();
        claim.customerName = request.customer().name();
        claim.helpdeskTicketId = request.helpdeskTicketId();
        if (request.shippingAddress() != null) {
            claim.shippingAddress = request.shippingAddress().oneLine();
            claim.addressKey = Addresses.key(claim.shippingAddress);
            claim.shipTo = request.shippingAddress();
        }
        taxes(claim, request);
        claim.createdAt = now;
        claim.updatedAt = now;
        return claim;
    }

    /**
     * The claim's tax inputs, with the shop's default rate resolved now: an item sent without a rate stores today's
     * default, and the claim keeps it for when it names no items, so a later change of the setting never changes the
     * credit notes of claims already taken. Shipping without a rate stays without: it follows the goods' rates.
     */
    private void taxes(Claim claim, ClaimRequest request) {
        BigDecimal defaultRate = VatSplit.normalised(accounting.defaultTaxRate());
        claim.defaultTaxRate = defaultRate;
        claim.items = request.items().stream()
                .map(i -> new ClaimItem(i.sku(), i.quantity(), Money.canonical(i.unitPrice().amount(), i.unitPrice().currency()),
                        i.taxRate() == null ? defaultRate : VatSplit.normalised(i.taxRate()),
                        i.exchangeFor() == null ? null : new ClaimRequest.ExchangeFor(i.exchangeFor().sku().strip())))
                .toList();
        // The validator refused a mix: the first item says for all of them.
        claim.taxIncluded = request.items().isEmpty() || request.items().get(0).includesTax();
        if (request.shipping() != null) {
            claim.shippingAmount = Money.scaled(request.shipping().amount().amount(), claim.currency);
            claim.shippingTaxRate = request.shipping().taxRate() == null ? null : VatSplit.normalised(request.shipping().taxRate());
        }
        if (request.order().invoiceNumber() != null) {
            claim.invoiceNumber = request.order().invoiceNumber().strip();
        }
        claim.invoiceDate = request.order().invoiceDate();
    }

    private Evidence storeEvidence(Claim claim, EvidenceRequest request, String caller) {
        Evidence evidence = newEvidence(claim, request.type(), caller);
        evidence.url = request.url();
        evidence.trackingNumber = request.trackingNumber();
        evidence.persist();
        return evidence;
    }

    private Evidence newEvidence(Claim claim, EvidenceType type, String addedBy) {
        Evidence evidence = new Evidence();
        evidence.claimId = claim.id;
        evidence.type = type;
        evidence.addedBy = addedBy;
        evidence.addedAt = clock.instant();
        return evidence;
    }
}

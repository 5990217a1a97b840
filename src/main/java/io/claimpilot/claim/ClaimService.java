package io.claimpilot.claim;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Ids;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.decision.DecisionService;
import io.claimpilot.decision.PolicyVerdict;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.facts.FactsAssembler;
import io.claimpilot.message.MessageSituation;
import io.claimpilot.outbox.Outbox;
import io.claimpilot.policy.CompiledPolicy;
import io.claimpilot.policy.PolicyEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claim flow: intake, facts, policy, decision, then actions — each claim in one transaction,
 * so a decision, its audit rows and its queued actions are stored together or not at all.
 */
@ApplicationScoped
public class ClaimService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ClaimService.class);

    @Inject
    ClaimLifecycle lifecycle;
    @Inject
    AdvisoryLocks locks;
    @Inject
    FactsAssembler facts;
    @Inject
    PolicyEngine policy;
    @Inject
    DecisionService decisions;
    @Inject
    ClaimHistory history;
    @Inject
    Outbox outbox;
    @Inject
    MoneySafety moneySafety;
    @Inject
    Event<ClaimEscalated> escalated;
    @Inject
    Event<ClaimCancelled> cancelled;
    @Inject
    EntityManager em;
    @Inject
    Clock clock;

    /** The claim, and whether this request created it (false: the same externalId was sent before). */
    public record Submission(ClaimView claim, boolean created) {
    }

    @Transactional
    public Submission submit(String caller, ClaimRequest request) {
        ClaimRequestValidator.check(request);
        locks.lockExternalId(caller, request.externalId());
        Claim existing = Claim.findByExternalId(caller, request.externalId());
        if (existing != null) {
            return new Submission(view(existing), false);
        }
        locks.lockOrder(request.orderId());
        Claim claim = newClaim(caller, request);
        lifecycle.receive(claim, caller);
        outbox.notifyCustomer(claim.id, MessageSituation.ACKNOWLEDGMENT, Map.of());
        request.evidence().forEach(evidence -> storeEvidence(claim, evidence, caller));
        em.flush();
        decide(claim, policy.active());
        return new Submission(view(claim), true);
    }

    @Transactional
    public ClaimView addEvidence(String claimId, String caller, EvidenceRequest evidence) {
        ClaimRequestValidator.check(evidence);
        Claim claim = findVisibleTo(claimId, caller);
        locks.lockOrder(claim.orderId);
        storeEvidence(claim, evidence, caller);
        em.flush();
        if (claim.status == ClaimStatus.AWAITING_EVIDENCE) {
            decide(claim, policy.version(claim.policyVersion));
        }
        return view(claim);
    }

    @Transactional
    public ClaimView get(String claimId, String caller) {
        return view(findVisibleTo(claimId, caller));
    }

    /**
     * An agent's resolution of a claim in review. A refund is checked against what the order has left to refund,
     * under the order's lock, so concurrent resolutions never refund more than was paid.
     */
    @Transactional
    public ClaimView decideByAgent(String claimId, DecisionAction action, Money amount, String agent, String note) {
        Claim claim = find(claimId);
        locks.lockOrder(claim.orderId);
        if (claim.status != ClaimStatus.IN_REVIEW) {
            throw ApiProblem.conflict("Claim " + claimId + " is " + claim.status + ", not IN_REVIEW");
        }
        if (action == DecisionAction.REFUND) {
            ClaimRequestValidator.checkRefundAmount("amount", amount, claim.currency);
            checkWithinBalance(claim, amount);
        }
        Decision decision = decisions.recordDecision(claim.id, action, amount, agent, List.of("Resolved by " + agent + ": " + note), note);
        lifecycle.move(claim, ClaimStatus.after(action), agent, note);
        act(claim, decision, action, amount, false);
        return view(claim);
    }

    /**
     * An agent asks the customer for evidence: the claim waits for it until the deadline, then the policy decides
     * again when it arrives (with the version that sent it to review), or a person does if it never comes.
     */
    @Transactional
    public ClaimView requestEvidenceByAgent(String claimId, Instant deadline, String agent, String note) {
        Claim claim = find(claimId);
        locks.lockOrder(claim.orderId);
        if (claim.status != ClaimStatus.IN_REVIEW) {
            throw ApiProblem.conflict("Claim " + claimId + " is " + claim.status + ", not IN_REVIEW");
        }
        Decision decision = decisions.recordDecision(claim.id, DecisionAction.REQUEST_EVIDENCE, null, agent,
                List.of("Resolved by " + agent + ": " + note), note);
        decision.deadline = deadline;
        decision.messageKey = "evidence-requested";
        claim.evidenceDeadline = deadline;
        lifecycle.move(claim, ClaimStatus.AWAITING_EVIDENCE, agent, note);
        // The customer is asked, with the deadline, exactly as when the policy asks.
        act(claim, decision, DecisionAction.REQUEST_EVIDENCE, null, false);
        return view(claim);
    }

    /** Checks an agent's refund before it waits for a second agent: right currency, and within what is left to refund. */
    @Transactional
    public void checkAgentRefund(String claimId, Money amount) {
        Claim claim = find(claimId);
        ClaimRequestValidator.checkRefundAmount("amount", amount, claim.currency);
        checkWithinBalance(claim, amount);
    }

    /** The shop withdraws a claim that nothing has acted on yet. */
    @Transactional
    public ClaimView cancel(String claimId, String caller, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalidField("reason", "is required");
        }
        Claim claim = findVisibleTo(claimId, caller);
        locks.lockOrder(claim.orderId);
        lifecycle.move(claim, ClaimStatus.CANCELLED, caller, reason.strip());
        cancelled.fire(new ClaimCancelled(claim.id, caller));
        return view(claim);
    }

    @Transactional
    public List<ClaimView.AuditView> audit(String claimId, String caller) {
        Claim claim = findVisibleTo(claimId, caller);
        return ClaimView.audit(ClaimAudit.forClaim(claim.id));
    }

    /**
     * Sends claims whose evidence deadline has passed to a person. Rows are taken with SKIP LOCKED,
     * so several replicas running this job never handle the same claim twice.
     */
    @Transactional
    public int escalateOverdueEvidence(int batchSize) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("select id from claim where status = 'AWAITING_EVIDENCE'"
                        + " and evidence_deadline <= :now order by evidence_deadline limit :batch for update skip locked")
                .setParameter("now", now)
                .setParameter("batch", batchSize)
                .getResultList();
        for (String id : ids) {
            Claim claim = find(id);
            String reason = "No evidence arrived before the deadline " + claim.evidenceDeadline;
            Decision decision = decisions.recordDecision(claim.id, DecisionAction.HUMAN_REVIEW, null, EvidenceDeadlineJob.ACTOR, List.of(reason), null);
            lifecycle.move(claim, ClaimStatus.IN_REVIEW, EvidenceDeadlineJob.ACTOR, reason);
            act(claim, decision, DecisionAction.HUMAN_REVIEW, null, false);
            escalated.fire(new ClaimEscalated(claim.id, reason));
        }
        return ids.size();
    }

    private void checkWithinBalance(Claim claim, Money amount) {
        BigDecimal left = Money.scaled(claim.orderTotalPaid.subtract(history.refundedOnOrder(claim.orderId, claim.id)), claim.currency);
        if (amount.amount().compareTo(left) > 0) {
            throw ApiProblem.invalidField("amount.amount", "is more than the " + left.toPlainString() + " "
                    + claim.currency + " left to refund on order " + claim.orderId);
        }
    }

    /** Gathers the facts, evaluates them with the given version, records the decision and queues what follows. */
    private void decide(Claim claim, CompiledPolicy version) {
        ClaimFacts snapshot = facts.assemble(claim, Evidence.forClaim(claim.id));
        PolicyVerdict proposed = version.evaluate(snapshot);
        PolicyVerdict verdict = moneySafety.overrule(claim, proposed).map(proposed::overruled).orElse(proposed);
        Decision decision = decisions.recordPolicyVerdict(claim.id, verdict, snapshot);
        claim.policyVersion = verdict.policyVersion();
        claim.evidenceDeadline = verdict.deadline();
        String actor = "policy:" + verdict.policyVersion();
        String why = verdict.reasons().isEmpty() ? "Decided by the policy" : String.join("; ", verdict.reasons());
        lifecycle.move(claim, ClaimStatus.after(verdict.action()), actor, why);
        if (verdict.action() == DecisionAction.HUMAN_REVIEW) {
            escalated.fire(new ClaimEscalated(claim.id, why));
        }
        act(claim, decision, verdict.action(), verdict.amount(), true);
        // Never log personal data: ids, reason, money and the outcome are enough to follow a claim.
        LOG.infof("Claim %s (%s, %s) decided %s by policy %s", claim.id, claim.reason, claim.claimedAmount(),
                verdict.action(), verdict.policyVersion().substring(0, 12));
    }

    /**
     * Queues what a decision calls for, in the decision's transaction: the refund or reshipment, the customer's
     * message, and a helpdesk note for every decision. The dispatcher executes them after the commit.
     */
    private void act(Claim claim, Decision decision, DecisionAction action, Money amount, boolean automatic) {
        outbox.helpdeskNote(claim.id, decision.id);
        switch (action) {
            case REQUEST_EVIDENCE -> outbox.notifyCustomer(claim.id, MessageSituation.PHOTO_REQUESTED,
                    decision.deadline == null ? Map.of() : Map.of("deadline", decision.deadline.toString()));
            case HUMAN_REVIEW -> outbox.notifyCustomer(claim.id, MessageSituation.UNDER_REVIEW, Map.of());
            case DENY -> outbox.notifyCustomer(claim.id, MessageSituation.DENIED, Map.of());
            default -> { }
        }
        if (action == DecisionAction.REFUND) {
            claim.refundAmount = amount.amount();
            claim.refundAutomatic = automatic;
            claim.refundApprovedAt = clock.instant();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("orderId", claim.orderId);
            payload.put("amount", amount.amount().toPlainString());
            payload.put("currency", amount.currency());
            payload.put("paymentReference", claim.paymentReference);
            payload.put("shop", claim.caller);
            outbox.enqueue(claim.id, Outbox.REFUND, againQualifier(claim, Outbox.REFUND, decision), payload);
        } else if (action == DecisionAction.RESHIP) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("orderId", claim.orderId);
            payload.put("items", claim.items.stream()
                    .map(item -> Map.of("sku", item.sku(), "quantity", item.quantity(),
                            "unitPrice", item.unitPrice().amount().toPlainString())).toList());
            payload.put("currency", claim.currency);
            payload.put("shop", claim.caller);
            outbox.enqueue(claim.id, Outbox.RESHIP, againQualifier(claim, Outbox.RESHIP, decision), payload);
        }
    }

    /** A claim back from review after a failed refund or reshipment gets a new key: a new attempt, not a replay. */
    private String againQualifier(Claim claim, String action, Decision decision) {
        return outbox.hasAction(claim.id, action) ? "d" + decision.id : null;
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
        if (request.shippingAddress() != null) {
            claim.shippingAddress = request.shippingAddress().oneLine();
            claim.addressKey = Addresses.key(claim.shippingAddress);
            claim.shipTo = request.shippingAddress();
        }
        claim.items = request.items().stream()
                .map(i -> new ClaimItem(i.sku(), i.quantity(), Money.canonical(i.unitPrice().amount(), i.unitPrice().currency())))
                .toList();
        claim.createdAt = now;
        claim.updatedAt = now;
        return claim;
    }

    private void storeEvidence(Claim claim, EvidenceRequest request, String caller) {
        Evidence evidence = new Evidence();
        evidence.claimId = claim.id;
        evidence.type = request.type();
        evidence.url = request.url();
        evidence.trackingNumber = request.trackingNumber();
        evidence.addedBy = caller;
        evidence.addedAt = clock.instant();
        evidence.persist();
    }

    private Claim find(String claimId) {
        Claim claim = Claim.findById(claimId);
        if (claim == null) {
            throw ApiProblem.notFound("Claim " + claimId);
        }
        return claim;
    }

    /** A shop sees only the claims it sent; agents (caller null) see every claim. */
    private Claim findVisibleTo(String claimId, String caller) {
        Claim claim = find(claimId);
        if (caller != null && !caller.equals(claim.caller)) {
            throw ApiProblem.notFound("Claim " + claimId);
        }
        return claim;
    }

    private ClaimView view(Claim claim) {
        Decision latest = decisions.latestFor(claim.id);
        Decision withFacts = latest != null && latest.facts != null ? latest : decisions.latestPolicyDecisionFor(claim.id);
        return ClaimView.of(claim, Evidence.forClaim(claim.id), latest, withFacts == null ? null : withFacts.facts,
                ClaimAudit.forClaim(claim.id));
    }
}

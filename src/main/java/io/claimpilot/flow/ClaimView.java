package io.claimpilot.flow;

import io.claimpilot.claim.Claim;
import io.claimpilot.claim.ClaimAudit;
import io.claimpilot.claim.ClaimItem;
import io.claimpilot.claim.ClaimReason;
import io.claimpilot.claim.ClaimStatus;
import io.claimpilot.claim.Evidence;
import io.claimpilot.claim.EvidenceType;
import io.claimpilot.claim.Fulfillment;
import io.claimpilot.claim.TrackingStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.claimpilot.common.Money;
import io.claimpilot.decision.Cohort;
import io.claimpilot.decision.Decision;
import io.claimpilot.decision.DecisionAction;
import io.claimpilot.facts.ClaimFacts;
import io.claimpilot.feedback.CustomerSatisfaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A claim as the API shows it: the request, the current decision, the customer's satisfaction answer (when given), the
 * facts the rules saw and the audit trail; {@code helpdeskTicketId} when the claim came with the customer's ticket, and
 * {@code customerDescription}, the customer's own words, when they made the claim on the form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimView(
        String id,
        String externalId,
        String orderId,
        ClaimReason reason,
        ClaimStatus status,
        Customer customer,
        Money amount,
        List<ClaimItem> items,
        boolean taxIncluded,
        BigDecimal defaultTaxRate,
        Shipping shipping,
        Order order,
        String shippingAddress,
        List<EvidenceView> evidence,
        DecisionView decision,
        CustomerSatisfaction.CsatView csat,
        ClaimFacts facts,
        List<AuditView> audit,
        Instant createdAt,
        Instant updatedAt,
        String helpdeskTicketId,
        String customerDescription) {

    public record Customer(String id, String email, String locale, String name) {
    }

    public record Order(Fulfillment fulfillment, Money totalPaid, String paymentReference, Instant placedAt,
                        Instant shippedAt, TrackingStatus trackingStatus, String invoiceNumber, LocalDate invoiceDate) {
    }

    /** The shipping refunded with the claim; a null rate means it follows the goods' rates. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Shipping(Money amount, BigDecimal taxRate) {
    }

    /** {@code photoId}: a photo stored with the claim, served at {@code /api/claims/{id}/photos/{photoId}}. */
    public record EvidenceView(EvidenceType type, String url, String trackingNumber, String photoId, Instant addedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecisionView(DecisionAction action, Money amount, Instant deadline, List<String> rulesFired,
                               List<String> reasons, String messageKey, String policyVersion, String decidedBy,
                               String note, Instant decidedAt,
                               @JsonInclude(JsonInclude.Include.ALWAYS) Cohort cohort) {
        static DecisionView of(Decision decision) {
            return decision == null ? null : new DecisionView(decision.action, decision.money(), decision.deadline,
                    decision.rulesFired, decision.reasons, decision.messageKey, decision.policyVersion,
                    decision.decidedBy, decision.note, decision.decidedAt, decision.cohort);
        }
    }

    public record AuditView(ClaimStatus from, ClaimStatus to, String actor, String reason, Instant at) {
    }

    static List<AuditView> audit(List<ClaimAudit> rows) {
        return rows.stream().map(a -> new AuditView(a.fromStatus, a.toStatus, a.actor, a.reason, a.at)).toList();
    }

    /** Whether an item asks for another variant: the console then offers the exchange. Not part of the JSON. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean exchangeRequested() {
        return items != null && items.stream().anyMatch(item -> item.exchangeFor() != null);
    }

    static ClaimView of(Claim claim, List<Evidence> evidence, Decision decision, CustomerSatisfaction.CsatView csat,
                        ClaimFacts facts, List<ClaimAudit> audit) {
        return new ClaimView(claim.id, claim.externalId, claim.orderId, claim.reason, claim.status,
                new Customer(claim.customerId, claim.customerEmail, claim.customerLocale, claim.customerName),
                claim.claimedAmount(), claim.items, claim.taxIncluded, claim.defaultTaxRate,
                claim.shippingAmount == null ? null
                        : new Shipping(Money.canonical(claim.shippingAmount, claim.currency), claim.shippingTaxRate),
                new Order(claim.fulfillment, claim.orderTotal(), claim.paymentReference, claim.orderPlacedAt,
                        claim.shippedAt, claim.trackingStatus, claim.invoiceNumber, claim.invoiceDate),
                claim.shippingAddress,
                evidence.stream().map(e -> new EvidenceView(e.type, e.url, e.trackingNumber, e.photoId, e.addedAt)).toList(),
                DecisionView.of(decision), csat, facts,
                audit(audit),
                claim.createdAt, claim.updatedAt, claim.helpdeskTicketId, claim.customerDescription);
    }
}

package io.claimpilot.claim;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One customer request or warehouse event about one order. Its status changes only through {@link ClaimLifecycle}. */
@Entity
@Table(name = "claim")
public class Claim extends PanacheEntityBase {

    @Id
    public String id;
    public String caller;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "order_id")
    public String orderId;
    @Enumerated(EnumType.STRING)
    public ClaimReason reason;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "customer_email")
    public String customerEmail;
    @Column(name = "customer_locale")
    public String customerLocale;
    public BigDecimal amount;
    public String currency;
    @Enumerated(EnumType.STRING)
    public Fulfillment fulfillment;
    @Column(name = "order_total_paid")
    public BigDecimal orderTotalPaid;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "order_placed_at")
    public Instant orderPlacedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<ClaimItem> items;
    @Enumerated(EnumType.STRING)
    public ClaimStatus status;
    @Column(name = "policy_version")
    public String policyVersion;
    @Column(name = "evidence_deadline")
    public Instant evidenceDeadline;
    /** The refund approved for this claim, by the policy or an agent; null while none is. */
    @Column(name = "refund_amount")
    public BigDecimal refundAmount;
    /** Whether the policy approved the refund on its own: the daily automation budget counts these. */
    @Column(name = "refund_automatic")
    public boolean refundAutomatic;
    @Column(name = "refund_approved_at")
    public Instant refundApprovedAt;
    @Column(name = "customer_name")
    public String customerName;
    @Column(name = "shipping_address")
    public String shippingAddress;
    /** The normalised address: the same place whatever the spelling or the account. */
    @Column(name = "address_key")
    public String addressKey;
    /** The ship-to address as sent, field by field: a reshipment goes to the same place. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "ship_to")
    public ClaimRequest.Address shipTo;
    @Column(name = "shipped_at")
    public Instant shippedAt;
    /**
     * The customer's own words from the claim form (at most 1000 characters, as typed: shown escaped), null for
     * claims made otherwise. Personal data: erasure blanks it.
     */
    @Column(name = "customer_description")
    public String customerDescription;
    /** The customer's ticket at the shop's helpdesk, when the claim came with one: ClaimPilot writes into it. */
    @Column(name = "helpdesk_ticket_id")
    public String helpdeskTicketId;
    @Enumerated(EnumType.STRING)
    @Column(name = "tracking_status")
    public TrackingStatus trackingStatus;
    @Column(name = "erased_at")
    public Instant erasedAt;
    /** The claim's outcome so far, for the indicators: its latest REFUND, RESHIP, EXCHANGE or DENY ... */
    @Column(name = "final_action")
    public String finalAction;
    @Column(name = "final_amount")
    public BigDecimal finalAmount;
    @Column(name = "final_currency")
    public String finalCurrency;
    @Column(name = "final_by_policy")
    public Boolean finalByPolicy;
    /** ... the rule that made it (the last one fired) when the policy did ... */
    @Column(name = "final_rule")
    public String finalRule;
    @Column(name = "final_decided_at")
    public Instant finalDecidedAt;
    /** ... the pilot cohort of its first policy decision, and what happened on the way. */
    @Column(name = "cohort")
    public String cohort;
    public boolean escalated;
    @Column(name = "evidence_expired")
    public boolean evidenceExpired;
    @Column(name = "fraud_hold")
    public boolean fraudHold;
    /** Agents' resolutions of the claim, and how many differed from the policy's proposal. */
    public int resolutions;
    public int overrides;
    /** Whether the items' prices include VAT (true for French consumer sales); each item carries its own rate. */
    @Column(name = "tax_included")
    public boolean taxIncluded = true;
    @Column(name = "shipping_amount")
    public BigDecimal shippingAmount;
    @Column(name = "shipping_tax_rate")
    public BigDecimal shippingTaxRate;
    /**
     * The shop's default VAT rate when the claim came in (items and shipping sent without a rate got it at intake):
     * the rate of a claim that names no items. Null for claims older than the column.
     */
    @Column(name = "default_tax_rate")
    public BigDecimal defaultTaxRate;
    /** The original invoice a credit note refers to; the order id stands in when the shop sent none. */
    @Column(name = "invoice_number")
    public String invoiceNumber;
    @Column(name = "invoice_date")
    public java.time.LocalDate invoiceDate;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public Money claimedAmount() {
        return Money.canonical(amount, currency);
    }

    public Money orderTotal() {
        return Money.canonical(orderTotalPaid, currency);
    }

    /** The claim, or 404 problem naming it. */
    public static Claim require(String claimId) {
        Claim claim = findById(claimId);
        if (claim == null) {
            throw ApiProblem.notFound("Claim " + claimId);
        }
        return claim;
    }

    /**
     * The claim as this caller may see it: a shop sees only the claims it sent (another shop's claim is "not found",
     * never "forbidden", so ids cannot be probed); agents and jobs (caller null) see every claim.
     */
    public static Claim visibleTo(String claimId, String caller) {
        Claim claim = require(claimId);
        if (caller != null && !caller.equals(claim.caller)) {
            throw ApiProblem.notFound("Claim " + claimId);
        }
        return claim;
    }

    public static Claim findByExternalId(String caller, String externalId) {
        return find("caller = ?1 and externalId = ?2", caller, externalId).firstResult();
    }
}

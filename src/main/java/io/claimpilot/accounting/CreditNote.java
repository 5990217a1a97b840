package io.claimpilot.accounting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit note (facture d'avoir): issued once per completed refund, numbered in a gap-free series per calendar year,
 * never changed afterwards (a database trigger refuses it), except erasure's pseudonymisation of the customer.
 */
@Entity
@Table(name = "credit_note")
public class CreditNote extends PanacheEntityBase {

    @Id
    public String number;
    public String prefix;
    public int year;
    @Column(name = "sequence_number")
    public long sequenceNumber;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "issue_date")
    public LocalDate issueDate;
    /** The outbox REFUND action whose confirmation this note documents. */
    @Column(name = "refund_action_id")
    public long refundActionId;
    @Column(name = "claim_id")
    public String claimId;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "invoice_number")
    public String invoiceNumber;
    @Column(name = "invoice_date")
    public LocalDate invoiceDate;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "customer_name")
    public String customerName;
    @Column(name = "customer_locale")
    public String customerLocale;
    /** The claim's reason (a ClaimReason name) and the accounting reason code it mapped to when issued. */
    public String reason;
    @Column(name = "reason_code")
    public String reasonCode;
    /** The ledger accounts as mapped when the note was issued: a later edit of the mapping changes no issued note. */
    @Column(name = "revenue_account")
    public String revenueAccount;
    @Column(name = "vat_account")
    public String vatAccount;
    @Column(name = "customer_account")
    public String customerAccount;
    @Column(name = "payment_account")
    public String paymentAccount;
    public String currency;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<CreditNoteLine> lines;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "vat_by_rate")
    public List<VatByRate> vatByRate;
    public BigDecimal net;
    public BigDecimal vat;
    public BigDecimal gross;
    /** The provider that paid the refund back (stripe, shopify, sandbox ...). */
    @Column(name = "payment_provider")
    public String paymentProvider;
    @Column(name = "erased_at")
    public Instant erasedAt;
}

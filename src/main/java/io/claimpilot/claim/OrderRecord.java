package io.claimpilot.claim;

import io.claimpilot.common.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order's money facts as first seen: what it paid, in which currency, and through which payment. Written once by
 * {@link OrderRecords#pin}, changed only by an admin's audited correction ({@link OrderRecords#correct}).
 */
@Entity
@Table(name = "order_record")
public class OrderRecord extends PanacheEntityBase {

    @Id
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "total_paid")
    public BigDecimal totalPaid;
    public String currency;
    @Column(name = "payment_reference")
    public String paymentReference;
    @Column(name = "first_claim_id")
    public String firstClaimId;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "corrected_at")
    public Instant correctedAt;

    public Money total() {
        return Money.canonical(totalPaid, currency);
    }
}

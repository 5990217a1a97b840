package io.claimpilot.claim;

import io.claimpilot.common.Money;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** One admin correction of a pinned order: who, when, from, to, why. A database trigger keeps these rows append-only. */
@Entity
@Table(name = "order_correction")
public class OrderCorrection extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "order_id")
    public String orderId;
    @Column(name = "corrected_by")
    public String correctedBy;
    @Column(name = "corrected_at")
    public Instant correctedAt;
    @Column(name = "from_total_paid")
    public BigDecimal fromTotalPaid;
    @Column(name = "from_currency")
    public String fromCurrency;
    @Column(name = "from_payment_reference")
    public String fromPaymentReference;
    @Column(name = "to_total_paid")
    public BigDecimal toTotalPaid;
    @Column(name = "to_currency")
    public String toCurrency;
    @Column(name = "to_payment_reference")
    public String toPaymentReference;
    public String reason;

    public Money from() {
        return Money.canonical(fromTotalPaid, fromCurrency);
    }

    public Money to() {
        return Money.canonical(toTotalPaid, toCurrency);
    }

    public static List<OrderCorrection> of(String orderId) {
        return list("orderId = ?1 order by id", orderId);
    }
}

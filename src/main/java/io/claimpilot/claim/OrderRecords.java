package io.claimpilot.claim;

import io.claimpilot.common.ApiProblem;
import io.claimpilot.common.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pinned money facts of orders. A claim's body says what its order paid; only the first claim seen for an order is
 * believed, because a later one could otherwise raise the refundable balance, point the refund at another payment or
 * ask for it in another currency. Later claims are compared with the record ({@link #disagreement}); the balance
 * ({@link ClaimHistory#leftToRefund}) and the refund's payment come from it. An admin corrects it, audited.
 */
@ApplicationScoped
public class OrderRecords {

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    ExternalRefunds externalRefunds;
    @Inject
    AdvisoryLocks locks;

    /**
     * The order's record, written from these facts if the order has none yet. Two first claims racing for one order
     * pin exactly one record: the insert that loses the race on the primary key does nothing (it waits for the winner's
     * commit), and both then read the winner's row. Intake also holds the order's lock, so this is a second guard.
     */
    public OrderRecord pin(String orderId, Money totalPaid, String paymentReference, String firstClaimId, String caller) {
        em.createNativeQuery("insert into order_record (order_id, total_paid, currency, payment_reference, first_claim_id,"
                        + " recorded_by, recorded_at) values (:order, :total, :currency, :reference, :claim, :caller, :now)"
                        + " on conflict (order_id) do nothing")
                .setParameter("order", orderId)
                .setParameter("total", totalPaid.amount())
                .setParameter("currency", totalPaid.currency())
                .setParameter("reference", paymentReference)
                .setParameter("claim", firstClaimId)
                .setParameter("caller", caller)
                .setParameter("now", clock.instant())
                .executeUpdate();
        OrderRecord record = em.find(OrderRecord.class, orderId);
        // Read again, not from this transaction's cache: the row may be another transaction's, committed just now.
        em.refresh(record);
        return record;
    }

    /** The order's record; for a claim stored without one (only possible outside intake), the claim's own facts. */
    public OrderRecord of(Claim claim) {
        OrderRecord record = em.find(OrderRecord.class, claim.orderId);
        if (record != null) {
            return record;
        }
        OrderRecord stated = new OrderRecord();
        stated.orderId = claim.orderId;
        stated.totalPaid = claim.orderTotalPaid;
        stated.currency = claim.currency;
        stated.paymentReference = claim.paymentReference;
        return stated;
    }

    /** A refund is made in the currency the order was paid in, or not at all: 422, and nothing is stored. */
    public static void requirePaymentCurrency(OrderRecord order, String currency, String field) {
        if (!order.currency.equals(currency)) {
            String message = "the order was paid in " + order.currency;
            throw new ApiProblem(422, "Not the order's currency", field + ": " + message,
                    List.of(new ApiProblem.FieldViolation(field, message)));
        }
    }

    /**
     * Why this claim's statement of its order cannot be believed: its total or payment reference differs from what
     * was first recorded. Such a claim is never decided automatically.
     */
    public Optional<String> disagreement(Claim claim) {
        OrderRecord order = of(claim);
        List<String> differences = new ArrayList<>();
        Money stated = claim.orderTotal();
        if (!stated.currency().equals(order.currency) || stated.amount().compareTo(order.totalPaid) != 0) {
            differences.add("the claim's order total " + stated + " differs from the " + order.total()
                    + " first recorded for order " + order.orderId);
        }
        if (claim.paymentReference != null && !claim.paymentReference.equals(order.paymentReference)) {
            differences.add(order.paymentReference == null
                    ? "the claim's payment reference " + claim.paymentReference + " differs from the facts first recorded"
                    + " for order " + order.orderId + ", which name no payment"
                    : "the claim's payment reference " + claim.paymentReference + " differs from the "
                    + order.paymentReference + " first recorded for order " + order.orderId);
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
    }

    /** The currency the order was paid in, when ClaimPilot has pinned the order's facts. */
    public Optional<String> currencyOf(String orderId) {
        return Optional.ofNullable(em.find(OrderRecord.class, orderId)).map(record -> record.currency);
    }

    /** The order's record, or 404. */
    public OrderRecord require(String orderId) {
        OrderRecord record = em.find(OrderRecord.class, orderId);
        if (record == null) {
            throw ApiProblem.notFound("Order " + orderId);
        }
        return record;
    }

    /**
     * An admin replaces the pinned facts, with the reason, in an append-only correction row. Runs under the order's lock,
     * so no refund decision on the order sees half of it. The currency cannot change once money went
     * back on the order: those refunds were in the old one.
     */
    @Transactional
    public OrderRecord correct(String orderId, OrderCorrectionRequest request, String admin) {
        ClaimRequestValidator.check(request);
        locks.lockOrder(orderId);
        OrderRecord order = require(orderId);
        Money to = Money.canonical(request.totalPaid().amount(), request.totalPaid().currency());
        String reference = request.paymentReference() == null || request.paymentReference().isBlank()
                ? null : request.paymentReference().strip();
        if (to.currency().equals(order.currency) && to.amount().compareTo(order.totalPaid) == 0
                && Objects.equals(reference, order.paymentReference)) {
            return order;
        }
        if (!to.currency().equals(order.currency) && refundsWereMade(orderId)) {
            throw ApiProblem.conflict("Refunds in " + order.currency + " were already approved or made on order " + orderId
                    + ": its currency cannot change");
        }
        Instant now = clock.instant();
        OrderCorrection correction = new OrderCorrection();
        correction.orderId = orderId;
        correction.correctedBy = admin;
        correction.correctedAt = now;
        correction.fromTotalPaid = order.totalPaid;
        correction.fromCurrency = order.currency;
        correction.fromPaymentReference = order.paymentReference;
        correction.toTotalPaid = to.amount();
        correction.toCurrency = to.currency();
        correction.toPaymentReference = reference;
        correction.reason = request.reason().strip();
        correction.persist();
        order.totalPaid = to.amount();
        order.currency = to.currency();
        order.paymentReference = reference;
        order.correctedAt = now;
        return order;
    }

    private boolean refundsWereMade(String orderId) {
        long approved = Claim.count("orderId = ?1 and refundAmount is not null", orderId);
        return approved > 0 || externalRefunds.refundedOutsideClaims(orderId).compareTo(BigDecimal.ZERO) > 0;
    }
}

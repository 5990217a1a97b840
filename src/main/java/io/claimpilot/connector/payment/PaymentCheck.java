package io.claimpilot.connector.payment;

import io.claimpilot.common.Money;
import io.claimpilot.outbox.ActionFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;

/**
 * The last look before money leaves: the payment connector reads the payment at the provider and the refund must fit
 * what the provider says is left of it, in the payment's own currency. ClaimPilot's balance is computed from the facts
 * the first claim gave and the refunds it knows of; the provider knows every refund, including those made in its
 * dashboard, and the currency the customer really paid in. A refund that does not fit is not made and not retried:
 * the claim goes back to a person, with the provider's figures.
 */
@ApplicationScoped
public class PaymentCheck {

    /** Returns when the refund may go; throws a {@link ActionFailure#needsReview} naming the provider's figures otherwise. */
    public void verify(PaymentGateway gateway, PaymentGateway.RefundRequest refund) {
        gateway.payment(refund).ifPresent(payment -> verify(payment, refund.amount()));
    }

    static void verify(PaymentGateway.Payment payment, Money refund) {
        if (payment.alreadyMade()) {
            return;
        }
        String says = payment.provider() + " says " + payment.name();
        if (!payment.paid().currency().equals(refund.currency())) {
            throw ActionFailure.needsReview(says + " was made in " + payment.paid().currency() + ": a refund in "
                    + refund.currency() + " was not made");
        }
        Money left = Money.canonical(payment.paid().amount().subtract(payment.refunded().amount()).max(BigDecimal.ZERO),
                payment.paid().currency());
        if (refund.amount().compareTo(left.amount()) > 0) {
            throw ActionFailure.needsReview(says + " has " + left + " left to refund (" + payment.paid() + " paid, "
                    + payment.refunded() + " refunded): the refund of " + Money.canonical(refund.amount(), refund.currency())
                    + " was not made");
        }
    }
}

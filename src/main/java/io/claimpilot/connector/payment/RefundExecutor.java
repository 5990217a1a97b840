package io.claimpilot.connector.payment;

import io.claimpilot.action.RefundOrder;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Executes REFUND actions through the shop's payment provider, with the outbox key as the idempotency key, once
 * {@link PaymentCheck} found that the provider's payment has room for the refund, in its currency.
 */
@ApplicationScoped
public class RefundExecutor implements ActionExecutor<RefundOrder> {

    @Inject
    PaymentGateways gateways;
    @Inject
    PaymentCheck paymentCheck;

    @Override
    public String action() {
        return RefundOrder.ACTION;
    }

    @Override
    public Class<RefundOrder> payloadType() {
        return RefundOrder.class;
    }

    @Override
    public boolean movesMoneyOrGoods() {
        return true;
    }

    @Override
    public boolean callsOut(RefundOrder order) {
        return !(gateways.forShop(order.shop()) instanceof SandboxPaymentGateway);
    }

    @Override
    public ActionResult execute(OutboxEntry entry, RefundOrder order) {
        PaymentGateway gateway = gateways.forShop(order.shop());
        PaymentGateway.RefundRequest request = new PaymentGateway.RefundRequest(entry.claimId, entry.idempotencyKey,
                order.orderId(), order.paymentReference(), order.amount(), entry.firstAttemptedAt, order.reasonCode());
        paymentCheck.verify(gateway, request);
        return result(gateway.refund(request), gateways.providerFor(order.shop()));
    }

    /** A refund still pending at the provider, asked about by its id when no webhook settled it. */
    @Override
    public Optional<ActionResult> checkOutcome(OutboxEntry entry, RefundOrder order) {
        if (entry.providerReference == null) {
            return Optional.empty();
        }
        return gateways.forShop(order.shop()).refundStatus(entry.providerReference)
                .map(refund -> result(refund, gateways.providerFor(order.shop())));
    }

    /** The provider goes with the result: the credit note and the journal name the account the money left from. */
    private static ActionResult result(PaymentGateway.Refund refund, String provider) {
        Map<String, Object> details = new LinkedHashMap<>(refund.details());
        details.put("refundId", refund.id());
        details.put(RefundOrder.RESULT_PROVIDER, provider);
        return refund.pending() ? ActionResult.awaitingConfirmation(refund.id(), details) : ActionResult.done(refund.id(), details);
    }
}

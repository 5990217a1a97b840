package io.claimpilot.connector.payment;

import io.claimpilot.action.RefundOrder;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

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
    public ActionResult execute(OutboxEntry entry, RefundOrder order) {
        PaymentGateway gateway = gateways.forShop(order.shop());
        PaymentGateway.RefundRequest request = new PaymentGateway.RefundRequest(entry.claimId, entry.idempotencyKey,
                order.orderId(), order.paymentReference(), order.amount());
        paymentCheck.verify(gateway, request);
        PaymentGateway.Refund refund = gateway.refund(request);
        Map<String, Object> details = new LinkedHashMap<>(refund.details());
        details.put("refundId", refund.id());
        return refund.pending() ? ActionResult.awaitingConfirmation(refund.id(), details) : ActionResult.done(refund.id(), details);
    }
}

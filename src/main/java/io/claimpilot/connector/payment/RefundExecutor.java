package io.claimpilot.connector.payment;

import io.claimpilot.common.Money;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.Outbox;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** Executes REFUND actions through the shop's payment provider, with the outbox key as the idempotency key. */
@ApplicationScoped
public class RefundExecutor implements ActionExecutor {

    @Inject
    PaymentGateways gateways;

    @Override
    public String action() {
        return Outbox.REFUND;
    }

    @Override
    public ActionResult execute(OutboxEntry entry) {
        Map<String, Object> payload = entry.payload;
        Money amount = Money.canonical(new BigDecimal(String.valueOf(payload.get("amount"))), String.valueOf(payload.get("currency")));
        String shop = (String) payload.get("shop");
        PaymentGateway.Refund refund = gateways.forShop(shop).refund(new PaymentGateway.RefundRequest(entry.claimId,
                entry.idempotencyKey, (String) payload.get("orderId"), (String) payload.get("paymentReference"), amount));
        Map<String, Object> details = new LinkedHashMap<>(refund.details());
        details.put("refundId", refund.id());
        return refund.pending() ? ActionResult.awaitingConfirmation(refund.id(), details) : ActionResult.done(refund.id(), details);
    }
}

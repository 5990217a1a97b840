package io.claimpilot.connector.payment;

import io.claimpilot.action.RefundReferences;
import io.claimpilot.outbox.ActionExecutor;
import io.claimpilot.outbox.ActionResult;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code REFUND_REFERENCES}: writes the credit note's number and the reason code onto the provider's refund. */
@ApplicationScoped
public class RefundReferencesExecutor implements ActionExecutor<RefundReferences> {

    @Inject
    PaymentGateways gateways;

    @Override
    public String action() {
        return RefundReferences.ACTION;
    }

    @Override
    public Class<RefundReferences> payloadType() {
        return RefundReferences.class;
    }

    @Override
    public ActionResult execute(OutboxEntry entry, RefundReferences payload) {
        Map<String, String> references = new LinkedHashMap<>();
        references.put("claim_id", payload.claimId());
        references.put("credit_note", payload.creditNote());
        if (payload.reasonCode() != null) {
            references.put("reason_code", payload.reasonCode());
        }
        boolean written = gateways.forShop(payload.shop()).addReferences(payload.refundId(), references);
        return ActionResult.done(payload.refundId(), Map.of("written", written, "creditNote", payload.creditNote()));
    }
}

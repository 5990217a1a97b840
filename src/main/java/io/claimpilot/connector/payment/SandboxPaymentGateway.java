package io.claimpilot.connector.payment;

import io.claimpilot.connector.sandbox.SandboxCalls;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The default: records the refund in the sandbox table instead of moving money. */
class SandboxPaymentGateway implements PaymentGateway {

    static final String CONNECTOR = "payments";

    private final SandboxCalls calls;

    SandboxPaymentGateway(SandboxCalls calls) {
        this.calls = calls;
    }

    @Override
    public Refund refund(RefundRequest request) {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("orderId", request.orderId());
        sent.put("paymentReference", request.paymentReference());
        sent.put("amount", request.amount().amount().toPlainString());
        sent.put("currency", request.amount().currency());
        Map<String, Object> answer = calls.record(CONNECTOR, "refund", request.idempotencyKey(), request.claimId(), sent,
                () -> Map.of("id", "re_sandbox_" + UUID.randomUUID().toString().replace("-", ""), "status", "succeeded"));
        return new Refund((String) answer.get("id"), false, Map.of("provider", "sandbox", "status", answer.get("status")));
    }

    /** The sandbox has no payments to read: nothing to check a refund against. */
    @Override
    public Optional<Payment> payment(RefundRequest request) {
        return Optional.empty();
    }
}

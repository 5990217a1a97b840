package io.claimpilot.connector.shipstation;

import io.claimpilot.connector.sandbox.SandboxCalls;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The default: records the reshipment order in the sandbox table instead of sending it to a warehouse. */
class SandboxReshipmentProvider implements ReshipmentProvider {

    static final String CONNECTOR = "reshipments";

    private final SandboxCalls calls;

    SandboxReshipmentProvider(SandboxCalls calls) {
        this.calls = calls;
    }

    @Override
    public Reshipment create(ReshipmentRequest request) {
        // No address or name in the sandbox record: it is personal data, and the sandbox is for looking at.
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("orderKey", request.orderKey());
        sent.put("originalOrderId", request.originalOrderId());
        sent.put("items", request.items().stream()
                .map(item -> Map.of("sku", item.sku(), "quantity", item.quantity())).toList());
        Map<String, Object> answer = calls.record(CONNECTOR, "createorder", request.orderKey(), request.claimId(), sent,
                () -> Map.of("orderId", "so_sandbox_" + UUID.randomUUID().toString().replace("-", ""),
                        "orderStatus", "awaiting_shipment"));
        return new Reshipment(String.valueOf(answer.get("orderId")),
                Map.of("provider", "sandbox", "orderStatus", answer.get("orderStatus")));
    }
}

package io.claimpilot.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Observes the events webhooks fire, as the outbox does, so tests can see exactly what was fired. */
@ApplicationScoped
public class RecordedEvents {

    private final List<RefundStatusReported> refunds = new CopyOnWriteArrayList<>();
    private final List<ReshipmentShipped> shipments = new CopyOnWriteArrayList<>();

    void onRefund(@Observes RefundStatusReported event) {
        refunds.add(event);
    }

    void onShipment(@Observes ReshipmentShipped event) {
        shipments.add(event);
    }

    public List<RefundStatusReported> refundsFor(String refundId) {
        return refunds.stream().filter(event -> refundId.equals(event.providerRefundId())).toList();
    }

    public List<ReshipmentShipped> shipmentsFor(String orderKey) {
        return shipments.stream().filter(event -> orderKey.equals(event.orderKey())).toList();
    }
}

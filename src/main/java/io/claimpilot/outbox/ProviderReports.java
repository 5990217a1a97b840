package io.claimpilot.outbox;

import io.claimpilot.webhook.RefundStatusReported;
import io.claimpilot.webhook.ReshipmentShipped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Listens to the verified webhooks' events and settles the matching refund or reshipment. */
@ApplicationScoped
class ProviderReports {

    @Inject
    Actions actions;

    void onRefundStatus(@Observes RefundStatusReported report) {
        actions.refundReported(report);
    }

    void onReshipmentShipped(@Observes ReshipmentShipped shipped) {
        actions.reshipmentShipped(shipped);
    }
}

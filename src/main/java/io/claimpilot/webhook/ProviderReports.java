package io.claimpilot.webhook;

import io.claimpilot.flow.ClaimSettlement;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Hands the verified webhooks' reports to the claim flow, which settles the matching refund or reshipment. */
@ApplicationScoped
class ProviderReports {

    @Inject
    ClaimSettlement settlement;

    void onRefundStatus(@Observes RefundStatusReported report) {
        settlement.refundReported(report.provider(), report.providerRefundId(), report.claimId(), report.status(),
                report.failureReason());
    }

    void onReshipmentShipped(@Observes ReshipmentShipped shipped) {
        settlement.reshipmentShipped(shipped.orderKey(), shipped.trackingNumber(), shipped.carrier(), shipped.shippedAt());
    }
}

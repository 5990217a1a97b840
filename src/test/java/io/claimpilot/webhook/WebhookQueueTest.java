package io.claimpilot.webhook;

import io.claimpilot.support.Db;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.claimpilot.webhook.StripeWebhookTest.bytes;
import static io.claimpilot.webhook.StripeWebhookTest.chargeRefunded;
import static io.claimpilot.webhook.StripeWebhookTest.refund;
import static io.claimpilot.webhook.StripeWebhookTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** The job behind the endpoints: several workers (replicas) never process one delivery twice; old ones are forgotten. */
@QuarkusTest
class WebhookQueueTest {

    @Inject
    WebhookInbox inbox;
    @Inject
    WebhookProcessor processor;
    @Inject
    RecordedEvents events;
    @Inject
    MutableClock clock;
    @Inject
    Db db;

    @Test
    void workersRunningAtOnceProcessEveryDeliveryExactlyOnce() throws Exception {
        List<String> refunds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String refundId = "re_" + unique();
            refunds.add(refundId);
            inbox.store("stripe", "evt_" + unique(), "charge.refunded",
                    bytes(chargeRefunded("evt_x", refund(refundId, "succeeded", null, null))));
        }
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            Callable<Integer> work = processor::processDue;
            List<Future<Integer>> runs = workers.invokeAll(List.of(work, work, work));
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            workers.shutdownNow();
        }
        processor.processDue();

        for (String refundId : refunds) {
            assertThat(events.refundsFor(refundId)).as(refundId).hasSize(1);
        }
        assertThat(db.count("select count(*) from webhook_delivery where provider = 'stripe' and status = 'DONE'"
                + " and attempts = 1 and convert_from(body, 'UTF8') like any (?::text[])",
                "{" + String.join(",", refunds.stream().map(id -> "%" + id + "%").toList()) + "}")).isEqualTo(30);
    }

    @Test
    void finishedDeliveriesAreDeletedAfterTheirKeepingTimeAndPendingOnesStay() {
        String done = "evt_" + unique();
        String pending = "evt_" + unique();
        inbox.store("stripe", done, "charge.refunded", bytes(chargeRefunded(done, refund("re_" + unique(), "succeeded", null, null))));
        processor.processDue();
        inbox.store("stripe", pending, "charge.refunded", bytes(chargeRefunded(pending, refund("re_" + unique(), "succeeded", null, null))));

        inbox.deleteFinishedBefore(clock.instant().plusSeconds(1));

        assertThat(inbox.find("stripe", done)).isNull();
        assertThat(inbox.find("stripe", pending)).isNotNull();
        processor.processDue();
    }
}

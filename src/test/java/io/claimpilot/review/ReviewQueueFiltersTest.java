package io.claimpilot.review;

import io.claimpilot.flow.ReviewDesk;
import io.claimpilot.review.ReviewQueue.Assignment;
import io.claimpilot.review.ReviewQueue.QueueFilter;
import io.claimpilot.review.ReviewQueue.QueueRow;
import io.claimpilot.support.MutableClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The agents' queue: SLA per reason, the least time left first, and each filter. */
@QuarkusTest
class ReviewQueueFiltersTest {

    @Inject
    ReviewQueue reviews;
    @Inject
    ReviewDesk desk;
    @Inject
    MutableClock clock;

    private static String cancelledInReview(String amount) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).orderId(uniqueId("order")).totalPaid(amount).map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
    }

    private static String damagedInReview(String amount) {
        return as(SHOP).body(claim("DAMAGED", amount).orderId(uniqueId("order")).totalPaid(amount).fulfillment("DELIVERED")
                        .item("VASE-02", 1, amount).photo().map())
                .post("/api/claims").then().statusCode(201).body("status", equalTo("IN_REVIEW")).extract().path("id");
    }

    private List<String> ids(QueueFilter filter, String agent) {
        return reviews.queue(filter, agent, 0, 100).items().stream().map(QueueRow::claimId).toList();
    }

    private static QueueFilter amounts(String min, String max) {
        return new QueueFilter(null, new BigDecimal(min), new BigDecimal(max), null, Assignment.ALL, false);
    }

    @Test
    void aDamagedClaimHasItsOwnShorterSlaAndComesFirst() {
        String cancelled = cancelledInReview("231.17");
        clock.advance(Duration.ofMinutes(1));
        String damaged = damagedInReview("231.17");

        List<QueueRow> rows = reviews.queue(amounts("231.17", "231.17"), "nobody", 0, 100).items();
        assertThat(rows).extracting(QueueRow::claimId).containsExactly(damaged, cancelled);
        assertThat(Duration.between(rows.get(0).createdAt(), rows.get(0).slaDue())).isEqualTo(Duration.ofHours(12));
        assertThat(Duration.between(rows.get(1).createdAt(), rows.get(1).slaDue())).isEqualTo(Duration.ofHours(24));
        assertThat(rows.get(0).why()).isNotBlank();

        QueueFilter onlyDamaged = new QueueFilter("DAMAGED", new BigDecimal("231.17"), new BigDecimal("231.17"), null, Assignment.ALL, false);
        assertThat(ids(onlyDamaged, "nobody")).containsExactly(damaged);
    }

    @Test
    void filtersByAssignmentAgeAndBreachedSla() {
        String mine = cancelledInReview("232.41");
        String free = cancelledInReview("232.41");
        desk.take(mine, "filter-agent");

        assertThat(ids(new QueueFilter(null, new BigDecimal("232.41"), new BigDecimal("232.41"), null, Assignment.MINE, false), "filter-agent"))
                .containsExactly(mine);
        assertThat(ids(new QueueFilter(null, new BigDecimal("232.41"), new BigDecimal("232.41"), null, Assignment.UNASSIGNED, false), "filter-agent"))
                .containsExactly(free);
        assertThat(ids(new QueueFilter(null, new BigDecimal("232.41"), new BigDecimal("232.41"), Duration.ofHours(2), Assignment.ALL, false), "x"))
                .isEmpty();
        assertThat(ids(new QueueFilter(null, new BigDecimal("232.41"), new BigDecimal("232.41"), null, Assignment.ALL, true), "x"))
                .isEmpty();

        clock.advance(Duration.ofHours(25));
        assertThat(ids(new QueueFilter(null, new BigDecimal("232.41"), new BigDecimal("232.41"), Duration.ofHours(2), Assignment.ALL, true), "x"))
                .containsExactlyInAnyOrder(mine, free);
        assertThat(reviews.openTaskOf(free).orElseThrow().breached()).isTrue();
    }
}

package io.claimpilot.accounting;

import io.claimpilot.outbox.Dispatcher;
import io.claimpilot.outbox.OutboxEntry;
import io.claimpilot.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.claimpilot.support.Api.SHOP;
import static io.claimpilot.support.Api.as;
import static io.claimpilot.support.Api.claim;
import static io.claimpilot.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series has no gap and no duplicate: refunds confirmed at the same time queue on the counter row, and a
 * transaction that rolls back gives its number back. The series is shared by every test of the run, so these assert
 * relations between this test's notes, never absolute numbers.
 */
@QuarkusTest
class CreditNoteNumberingTest {

    private static final int REFUNDS = 50;
    private static final int THREADS = 8;

    @Inject
    Dispatcher dispatcher;
    @Inject
    Db db;
    @Inject
    CreditNotes creditNotes;
    @Inject
    UserTransaction transaction;

    @Test
    void fiftyRefundsConfirmedAtOnceGetFiftyConsecutiveNumbers() throws Exception {
        drain();
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < REFUNDS; i++) {
            claims.add(refundApproved("7.0" + (i % 10)));
        }

        // Several dispatchers (as several replicas' threads) confirm the refunds at the same time.
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                start.await();
                int taken = 0;
                for (int round = 0; round < 200; round++) {
                    int batch = dispatcher.dispatchDue(2);
                    if (batch == 0) {
                        break;
                    }
                    taken += batch;
                }
                return taken;
            }));
        }
        start.countDown();
        int busyWorkers = 0;
        for (Future<Integer> worker : workers) {
            busyWorkers += worker.get(3, TimeUnit.MINUTES) > 0 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(busyWorkers).as("the confirmations were shared between threads").isGreaterThan(1);

        String ids = "'" + String.join("','", claims) + "'";
        assertThat(db.count("select count(*) from claim where id in (" + ids + ") and status = 'COMPLETED'")).isEqualTo(REFUNDS);
        List<String> numbers = db.strings("select number from credit_note where claim_id in (" + ids + ") order by sequence_number");
        assertThat(numbers).hasSize(REFUNDS).doesNotHaveDuplicates();
        assertThat(db.count("select count(distinct claim_id) from credit_note where claim_id in (" + ids + ")")).isEqualTo(REFUNDS);
        List<Long> sequence = db.strings("select sequence_number from credit_note where claim_id in (" + ids + ")"
                + " order by sequence_number").stream().map(Long::valueOf).toList();
        assertThat(sequence.get(REFUNDS - 1) - sequence.get(0)).as("consecutive: " + numbers).isEqualTo(REFUNDS - 1);
        assertThat(db.strings("select distinct prefix || '-' || year from credit_note where claim_id in (" + ids + ")")).hasSize(1);
        for (int i = 0; i < REFUNDS; i++) {
            assertThat(numbers.get(i)).matches("AV-\\d{4}-\\d{6}").endsWith("%06d".formatted(sequence.get(0) + i));
        }
        // Nobody else's note sits between the first and the last: the series has no hole in this range.
        assertThat(db.count("select count(*) from credit_note where prefix = 'AV' and year = ?1 and sequence_number between ?2 and ?3",
                Integer.valueOf(numbers.get(0).substring(3, 7)), sequence.get(0), sequence.get(REFUNDS - 1))).isEqualTo(REFUNDS);
    }

    @Test
    void aTransactionThatRollsBackGivesItsNumberBack() throws Exception {
        drain();
        String first = refundApproved("13.00");
        String second = refundApproved("14.00");
        long firstAction = refundActionOf(first);

        transaction.begin();
        String taken;
        try {
            taken = creditNotes.issueFor(OutboxEntry.findById(firstAction)).number;
            assertThat(taken).matches("AV-\\d{4}-\\d{6}");
        } finally {
            transaction.rollback();
        }
        assertThat(db.count("select count(*) from credit_note where number = ?1", taken)).as("rolled back").isZero();

        drain();
        String firstNumber = db.strings("select number from credit_note where claim_id = ?1", first).get(0);
        String secondNumber = db.strings("select number from credit_note where claim_id = ?1", second).get(0);
        assertThat(List.of(firstNumber, secondNumber)).as("the next note took the number given back").contains(taken);
        long a = Long.parseLong(firstNumber.substring(firstNumber.lastIndexOf('-') + 1));
        long b = Long.parseLong(secondNumber.substring(secondNumber.lastIndexOf('-') + 1));
        assertThat(Math.abs(a - b)).isEqualTo(1);
        assertThat(Math.min(a, b)).isEqualTo(Long.parseLong(taken.substring(taken.lastIndexOf('-') + 1)));
    }

    private String refundApproved(String amount) {
        return as(SHOP).body(claim("ORDER_CANCELLED_BEFORE_SHIPMENT", amount).item(uniqueId("SKU"), 1, amount).map())
                .post("/api/claims").then().statusCode(201).extract().path("id");
    }

    private long refundActionOf(String claimId) {
        return Long.parseLong(db.strings("select id from outbox where claim_id = ?1 and action = 'REFUND'", claimId).get(0));
    }

    private void drain() {
        for (int i = 0; i < 50 && dispatcher.dispatchDue(100) > 0; i++) {
            // until nothing due is left
        }
    }
}

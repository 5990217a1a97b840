package io.claimpilot.accounting;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.claimpilot.action.RefundOrder;
import io.claimpilot.common.Money;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ClaimPilot decided beside what the payment providers confirmed, for the accountant who matches the bank and
 * the providers' statements: the refunds still waiting for their confirmation too long, the failed ones, the refunds
 * made outside ClaimPilot, the credit notes whose payment has no provider reference, and the totals per day (in the
 * shop's zone) and currency.
 * <ul>
 *   <li>decided: a refund queued (approved) that day, unless a later decision replaced it before it ran;</li>
 *   <li>confirmed: the provider confirmed it that day;</li>
 *   <li>failed: it failed for good that day;</li>
 *   <li>external: a refund made that day outside ClaimPilot (Shopify admin, Stripe dashboard), with no claim.</li>
 * </ul>
 */
@ApplicationScoped
public class Reconciliation {

    public static final String CONSOLE_CLAIM = "/console/claims/";

    @Inject
    EntityManager em;
    @Inject
    AccountingSettings settings;
    @Inject
    Clock clock;

    public enum Kind { UNCONFIRMED, FAILED, EXTERNAL, NO_PROVIDER_REFERENCE }

    /** One refund the accountant should look at; claim fields are null for a refund made outside ClaimPilot. */
    public record Item(Kind kind, String claimId, String consoleUrl, String orderId, Long actionId, Money amount,
                       Instant at, String status, String provider, String providerReference, String creditNote) {
    }

    public record DayTotals(LocalDate day, String currency,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal decided, long decidedCount,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal confirmed, long confirmedCount,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal failed, long failedCount,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal external, long externalCount) {
    }

    /** {@code unconfirmedAfter} is an ISO-8601 duration (PT48H). */
    public record Report(LocalDate from, LocalDate to, String unconfirmedAfter, List<Item> unconfirmed,
                         List<Item> failed, List<Item> external, List<Item> withoutProviderReference,
                         List<DayTotals> totals) {

        /** Every exception, in the order the console shows them. */
        public List<Item> exceptions() {
            List<Item> all = new ArrayList<>(unconfirmed);
            all.addAll(failed);
            all.addAll(external);
            all.addAll(withoutProviderReference);
            return all;
        }
    }

    @Transactional
    public Report report(AccountingPeriod period) {
        Instant overdue = clock.instant().minus(settings.unconfirmedAfter());
        List<Item> unconfirmed = refunds(Kind.UNCONFIRMED, "o.created_at",
                "o.status in ('PENDING', 'IN_PROGRESS', 'AWAITING_CONFIRMATION') and o.created_at <= :overdue", period, overdue);
        List<Item> failed = refunds(Kind.FAILED, "o.updated_at", "o.status = 'FAILED'", period, null);
        List<Item> external = external(period);
        List<Item> noReference = withoutProviderReference(period);

        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal[]> sums = new TreeMap<>();
        tally(counts, sums, 0, sumsOf("o.created_at", "o.status <> 'SUPERSEDED'", period));
        tally(counts, sums, 1, sumsOf("o.completed_at", "o.status = 'DONE'", period));
        tally(counts, sums, 2, failed.stream().map(item -> new Row(item.at(), item.amount())).toList());
        tally(counts, sums, 3, external.stream().map(item -> new Row(item.at(), item.amount())).toList());
        List<DayTotals> totals = new ArrayList<>();
        counts.forEach((key, n) -> {
            BigDecimal[] s = sums.get(key);
            String[] dayAndCurrency = key.split(" ");
            totals.add(new DayTotals(LocalDate.parse(dayAndCurrency[0]), dayAndCurrency[1], s[0], n[0], s[1], n[1],
                    s[2], n[2], s[3], n[3]));
        });
        return new Report(period.first(), period.last(), settings.unconfirmedAfter().toString(), unconfirmed, failed, external,
                noReference, totals);
    }

    private record Row(Instant at, Money amount) {
    }

    private void tally(Map<String, long[]> counts, Map<String, BigDecimal[]> sums, int column, List<Row> rows) {
        for (Row row : rows) {
            String key = LocalDate.ofInstant(row.at(), settings.zone()) + " " + row.amount().currency();
            counts.computeIfAbsent(key, k -> new long[4])[column]++;
            BigDecimal[] s = sums.computeIfAbsent(key, k -> new BigDecimal[]{zero(k), zero(k), zero(k), zero(k)});
            s[column] = s[column].add(row.amount().amount());
        }
    }

    private static BigDecimal zero(String key) {
        return Money.scaled(BigDecimal.ZERO, key.substring(key.indexOf(' ') + 1));
    }

    private List<Row> sumsOf(String time, String condition, AccountingPeriod period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + time + ", o.payload -> 'amount' ->> 'amount',"
                        + " o.payload -> 'amount' ->> 'currency' from outbox o where o.action = :refund and " + condition
                        + " and " + time + " >= :start and " + time + " < :end")
                .setParameter("refund", RefundOrder.ACTION)
                .setParameter("start", period.start())
                .setParameter("end", period.end())
                .getResultList();
        return rows.stream().map(row -> new Row(instant(row[0]), money(row[1], row[2]))).toList();
    }

    private List<Item> refunds(Kind kind, String time, String condition, AccountingPeriod period, Instant overdue) {
        var query = em.createNativeQuery("select o.id, o.claim_id, o.payload ->> 'orderId', o.payload -> 'amount' ->> 'amount',"
                        + " o.payload -> 'amount' ->> 'currency', " + time + ", o.status, o.result ->> 'provider',"
                        + " o.provider_reference from outbox o where o.action = :refund and " + condition
                        + " and " + time + " >= :start and " + time + " < :end order by " + time + ", o.id")
                .setParameter("refund", RefundOrder.ACTION)
                .setParameter("start", period.start())
                .setParameter("end", period.end());
        if (overdue != null) {
            query.setParameter("overdue", overdue);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new Item(kind, (String) row[1], CONSOLE_CLAIM + row[1], (String) row[2],
                ((Number) row[0]).longValue(), money(row[3], row[4]), instant(row[5]), (String) row[6], (String) row[7],
                (String) row[8], null)).toList();
    }

    private List<Item> external(AccountingPeriod period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select provider, refund_id, order_id, amount, currency,"
                        + " coalesce(refunded_at, recorded_at) as at from external_refund where claim_id is null"
                        + " and coalesce(refunded_at, recorded_at) >= :start and coalesce(refunded_at, recorded_at) < :end"
                        + " order by at, id")
                .setParameter("start", period.start())
                .setParameter("end", period.end())
                .getResultList();
        return rows.stream().map(row -> new Item(Kind.EXTERNAL, null, null, (String) row[2], null,
                Money.canonical((BigDecimal) row[3], ((String) row[4]).strip()), instant(row[5]), null, (String) row[0],
                (String) row[1], null)).toList();
    }

    private List<Item> withoutProviderReference(AccountingPeriod period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select n.number, n.claim_id, n.order_id, n.gross, n.currency, n.issued_at,"
                        + " o.id, o.status, n.payment_provider from credit_note n join outbox o on o.id = n.refund_action_id"
                        + " where (o.provider_reference is null or btrim(o.provider_reference) = '')"
                        + " and n.issue_date between :first and :last order by n.issued_at, n.number")
                .setParameter("first", period.first())
                .setParameter("last", period.last())
                .getResultList();
        return rows.stream().map(row -> new Item(Kind.NO_PROVIDER_REFERENCE, (String) row[1], CONSOLE_CLAIM + row[1],
                (String) row[2], ((Number) row[6]).longValue(), Money.canonical((BigDecimal) row[3], ((String) row[4]).strip()),
                instant(row[5]), (String) row[7], (String) row[8], null, (String) row[0])).toList();
    }

    private static Money money(Object amount, Object currency) {
        return Money.canonical(new BigDecimal((String) amount), (String) currency);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}

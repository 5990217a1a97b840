package io.claimpilot.accounting;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;

/** The credit notes of a period for the accountant's page: totals per currency and VAT rate, and the notes themselves. */
@ApplicationScoped
public class CreditNoteTotals {

    @Inject
    EntityManager em;

    public record RateTotal(String currency, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal taxRate, long notes,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal net,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal vat,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gross) {
    }

    /** Net, VAT and gross per currency and rate of the notes issued in the period (by their issue date). */
    @Transactional
    public List<RateTotal> perCurrencyAndRate(AccountingPeriod period) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select n.currency, (r ->> 'taxRate')::numeric as rate,"
                        + " count(distinct n.number), sum((r ->> 'net')::numeric), sum((r ->> 'vat')::numeric)"
                        + " from credit_note n cross join lateral jsonb_array_elements(n.vat_by_rate) r"
                        + " where n.issue_date between :first and :last group by 1, 2 order by 1, 2 desc")
                .setParameter("first", period.first())
                .setParameter("last", period.last())
                .getResultList();
        return rows.stream().map(row -> {
            String currency = ((String) row[0]).strip();
            BigDecimal net = io.claimpilot.common.Money.scaled((BigDecimal) row[3], currency);
            BigDecimal vat = io.claimpilot.common.Money.scaled((BigDecimal) row[4], currency);
            return new RateTotal(currency, row[1] == null ? null : ((BigDecimal) row[1]).stripTrailingZeros(),
                    ((Number) row[2]).longValue(), net, vat, net.add(vat));
        }).toList();
    }

    /** The notes issued in the period in their series' order, at most {@code limit}. */
    @Transactional
    public List<CreditNote> notes(AccountingPeriod period, int limit) {
        return CreditNote.<CreditNote>find("issueDate between ?1 and ?2 order by year, prefix, sequenceNumber",
                period.first(), period.last()).page(0, limit).list();
    }

    @Transactional
    public long count(AccountingPeriod period) {
        return CreditNote.count("issueDate between ?1 and ?2", period.first(), period.last());
    }
}

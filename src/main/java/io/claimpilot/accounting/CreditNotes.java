package io.claimpilot.accounting;

import io.claimpilot.action.RefundOrder;
import io.claimpilot.claim.Claim;
import io.claimpilot.common.Money;
import io.claimpilot.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Issues the credit note of a confirmed refund, in the transaction that records the confirmation. The number comes
 * from the series' counter row, locked by the UPDATE until that transaction ends: issuers on every replica queue on
 * it, so no two notes share a number, and a transaction that rolls back gives its number back, so none is skipped.
 */
@ApplicationScoped
public class CreditNotes {

    @Inject
    EntityManager entityManager;
    @Inject
    AccountingSettings settings;
    @Inject
    AccountingCodes codes;
    @Inject
    VatSplit vatSplit;
    @Inject
    Event<CreditNoteIssued> issued;
    @Inject
    Clock clock;

    /** The note of this confirmed refund action: issued now, or the one issued before (a refund has exactly one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public CreditNote issueFor(OutboxEntry refundAction) {
        Optional<CreditNote> earlier = CreditNote.find("refundActionId", refundAction.id).firstResultOptional();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        RefundOrder refund = refundAction.payloadAs(RefundOrder.class);
        Claim claim = Claim.findById(refundAction.claimId);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        CreditNoteAmounts amounts = vatSplit.split(claim, Money.canonical(refund.amount().amount(), refund.amount().currency()));
        ReasonAccounts accounts = codes.of(claim.reason);

        CreditNote note = new CreditNote();
        note.prefix = settings.creditNotePrefix();
        note.year = today.getYear();
        note.sequenceNumber = nextNumber(note.prefix, note.year);
        note.number = "%s-%d-%06d".formatted(note.prefix, note.year, note.sequenceNumber);
        note.issuedAt = now;
        note.issueDate = today;
        note.refundActionId = refundAction.id;
        note.claimId = claim.id;
        note.orderId = claim.orderId;
        note.invoiceNumber = claim.invoiceNumber;
        note.invoiceDate = claim.invoiceDate;
        note.customerId = claim.customerId;
        note.customerName = claim.customerName;
        note.customerLocale = claim.customerLocale;
        note.reason = claim.reason.name();
        note.reasonCode = accounts.reasonCode();
        note.currency = amounts.currency();
        note.lines = amounts.lines();
        note.vatByRate = amounts.vatByRate();
        note.net = amounts.net();
        note.vat = amounts.vat();
        note.gross = amounts.gross();
        Object provider = refundAction.result == null ? null : refundAction.result.get(RefundOrder.RESULT_PROVIDER);
        note.paymentProvider = provider == null ? null : provider.toString();
        note.revenueAccount = accounts.revenueAccount();
        note.vatAccount = accounts.vatAccount();
        note.customerAccount = accounts.customerAccount();
        note.paymentAccount = note.paymentProvider == null ? settings.defaultPaymentAccount()
                : settings.paymentAccounts().getOrDefault(note.paymentProvider, settings.defaultPaymentAccount());
        note.persist();
        issued.fire(new CreditNoteIssued(note.number, note.claimId, note.refundActionId, note.reasonCode,
                note.paymentProvider, refundAction.providerReference));
        return note;
    }

    /** Takes the series' next number; the counter row stays locked until the caller's transaction ends. */
    long nextNumber(String prefix, int year) {
        entityManager.createNativeQuery("insert into credit_note_counter (prefix, year) values (?1, ?2) on conflict do nothing")
                .setParameter(1, prefix).setParameter(2, year).executeUpdate();
        return ((Number) entityManager.createNativeQuery(
                        "update credit_note_counter set last_number = last_number + 1 where prefix = ?1 and year = ?2 returning last_number")
                .setParameter(1, prefix).setParameter(2, year).getSingleResult()).longValue();
    }
}

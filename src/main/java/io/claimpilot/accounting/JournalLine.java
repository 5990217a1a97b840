package io.claimpilot.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of the refunds journal, with the FEC's 18 columns in their order (LPF art. A47 A-1). Amounts are in the
 * books' currency; {@code foreignAmount} and {@code foreignCurrency} (Montantdevise, Idevise) are set only for a note
 * in another currency.
 */
public record JournalLine(String journalCode, String journalLabel, String entryNumber, LocalDate entryDate,
                          String account, String accountLabel, String auxiliaryAccount, String auxiliaryLabel,
                          String pieceRef, LocalDate pieceDate, String label, BigDecimal debit, BigDecimal credit,
                          String letter, LocalDate letterDate, LocalDate validDate, BigDecimal foreignAmount,
                          String foreignCurrency) {

    /** The FEC's column names, in order. */
    public static final String[] COLUMNS = {"JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum",
            "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
            "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise"};
}

package io.claimpilot.accounting;

/**
 * How one claim reason reaches the books (a row of {@code rules/accounting.csv}): the reason code sent with the refund
 * and printed in the journal, and the ledger accounts of its entries (French chart of accounts by default).
 *
 * @param revenueAccount    debited with the amount before tax (707 a cancelled sale, 709/7091 goods returned)
 * @param vatAccount        debited with the VAT given back (44571)
 * @param customerAccount   credited with the amount including tax, then debited when the refund is paid (411)
 * @param reshipCostAccount a reshipment's cost (6242)
 */
public record ReasonAccounts(String reason, String reasonCode, String label, String revenueAccount, String vatAccount,
                             String customerAccount, String reshipCostAccount) {
}

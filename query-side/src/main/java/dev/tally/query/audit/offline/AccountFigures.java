package dev.tally.query.audit.offline;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One account's figures as recomputed from an export: its balance (the sum of its postings' changes to customer
 * credit), what each ledger account was debited and credited, its usage charges re-rated, its invoices re-totalled,
 * and how many of its events carry a chain hash.
 */
public record AccountFigures(String accountId,
                             String currency,
                             long events,
                             long postings,
                             BigDecimal balance,
                             Map<String, LedgerTotals> ledgerAccounts,
                             long usageCharges,
                             BigDecimal usageCharged,
                             List<InvoiceFigures> invoices,
                             long hashedEvents) {

    /** A ledger account's debits and credits; its balance is debits less credits. */
    public record LedgerTotals(BigDecimal debits, BigDecimal credits) {

        public BigDecimal balance() {
            return debits.subtract(credits);
        }
    }

    /** A closed period's invoice as recomputed: its lines' rounded sum, what credits paid of it, what is due. */
    public record InvoiceFigures(String invoiceId, String periodStart, String periodEnd, int lines,
                                 BigDecimal subtotal, BigDecimal creditsApplied, BigDecimal total) {
    }
}

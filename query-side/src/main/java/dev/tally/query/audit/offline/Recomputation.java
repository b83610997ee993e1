package dev.tally.query.audit.offline;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What recomputing a ledger export gave: per account its figures, the trial balance per currency, and every
 * difference between what the export states and what was recomputed. {@link #write} prints it for an auditor.
 */
public record Recomputation(String format,
                            String exportedAt,
                            long events,
                            List<AccountFigures> accounts,
                            Map<String, AccountFigures.LedgerTotals> trialBalance,
                            List<Difference> differences) {

    /** Whether every figure of the export is what recomputing it gives. */
    public boolean matches() {
        return differences.isEmpty();
    }

    public Optional<AccountFigures> account(String accountId) {
        return accounts.stream().filter(account -> account.accountId().equals(accountId)).findFirst();
    }

    /** A short table per account, the trial balance, then "No differences." or the differences, one a line. */
    public void write(PrintStream out) {
        out.printf("Ledger export %s, exported %s: %d events of %d accounts%n", format, exportedAt, events,
                accounts.size());
        for (AccountFigures account : accounts) {
            int digits = digits(account.currency());
            out.println();
            out.printf("Account %s (%s): %d events, %d postings, %s%n", account.accountId(),
                    account.currency() == null ? "no money moved" : account.currency(), account.events(),
                    account.postings(), account.hashedEvents() == 0 ? "no chain hashes in the export"
                            : account.hashedEvents() + " of " + account.events() + " events hashed");
            out.printf("  %-22s %18s%n", "balance", money(account.balance(), digits));
            out.printf("  %-22s %18s %18s %18s%n", "ledger account", "debits", "credits", "debits - credits");
            account.ledgerAccounts().forEach((name, totals) -> out.printf("  %-22s %18s %18s %18s%n", name,
                    money(totals.debits(), digits), money(totals.credits(), digits),
                    money(totals.balance(), digits)));
            if (account.usageCharges() > 0) {
                out.printf("  usage charges: %d, re-rated %s%n", account.usageCharges(),
                        money(account.usageCharged(), digits));
            }
            for (AccountFigures.InvoiceFigures invoice : account.invoices()) {
                out.printf("  invoice %s (%s to %s): %d lines, subtotal %s, credits applied %s, total %s%n",
                        invoice.invoiceId(), invoice.periodStart(), invoice.periodEnd(), invoice.lines(),
                        money(invoice.subtotal(), digits), money(invoice.creditsApplied(), digits),
                        money(invoice.total(), digits));
            }
        }
        out.println();
        out.println("Trial balance");
        out.printf("  %-22s %18s %18s %18s%n", "currency", "debits", "credits", "debits - credits");
        trialBalance.forEach((currency, totals) -> out.printf("  %-22s %18s %18s %18s %s%n", currency,
                money(totals.debits(), digits(currency)), money(totals.credits(), digits(currency)),
                money(totals.balance(), digits(currency)), totals.balance().signum() == 0 ? "balanced"
                        : "NOT BALANCED"));
        out.println();
        if (differences.isEmpty()) {
            out.println("No differences.");
        } else {
            out.printf("Differences (%d):%n", differences.size());
            differences.forEach(difference -> out.println("  " + difference));
        }
    }

    /** An amount at its currency's minor unit, or at full precision when it has more digits: nothing is hidden. */
    private static String money(BigDecimal amount, int digits) {
        BigDecimal exact = amount.stripTrailingZeros();
        return (exact.scale() <= digits ? amount.setScale(digits) : exact).toPlainString();
    }

    private static int digits(String currency) {
        return currency == null ? 2 : Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    }
}

package dev.tally.api.credits;

import dev.tally.api.Money;

import java.math.BigDecimal;
import java.util.List;

/** One movement of {@code amount} from {@code debit} to {@code credit}: the two sides always match. */
public record Posting(LedgerAccount debit, LedgerAccount credit, Money amount) {

    /**
     * What this posting does to the balance an account sees, its customer credit: a credit to it raises the balance,
     * a debit lowers it, any other posting leaves it. The one rule for the balance, the ledger's balance-after, the
     * audit replay and the export.
     */
    public BigDecimal customerCreditChange() {
        if (credit == LedgerAccount.CUSTOMER_CREDIT) {
            return amount.amount();
        }
        return debit == LedgerAccount.CUSTOMER_CREDIT ? amount.amount().negate() : BigDecimal.ZERO;
    }

    /** The sum of {@link #customerCreditChange()} over {@code postings}. */
    public static BigDecimal customerCreditChange(List<Posting> postings) {
        return postings.stream().map(Posting::customerCreditChange).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

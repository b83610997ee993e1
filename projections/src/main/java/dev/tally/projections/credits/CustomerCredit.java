package dev.tally.projections.credits;

import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.Posting;

import java.math.BigDecimal;
import java.util.List;

/**
 * The customer's credit is the balance an account sees: the one rule for what postings do to it, shared by the
 * balance and the ledger's balance-after so the two read models cannot disagree.
 */
final class CustomerCredit {

    private CustomerCredit() {
    }

    /** A credit to the customer's credit raises the balance, a debit lowers it, any other posting leaves it. */
    static BigDecimal change(Posting posting) {
        if (posting.credit() == LedgerAccount.CUSTOMER_CREDIT) {
            return posting.amount().amount();
        }
        return posting.debit() == LedgerAccount.CUSTOMER_CREDIT ? posting.amount().amount().negate() : BigDecimal.ZERO;
    }

    static BigDecimal change(List<Posting> postings) {
        return postings.stream().map(CustomerCredit::change).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

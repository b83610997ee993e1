package dev.tally.api.credits;

/**
 * The ledger accounts that postings move money between. Every movement debits one and credits another by the same
 * amount, so the sum over all of them is always zero (the trial balance).
 */
public enum LedgerAccount {
    /** Money received for purchased credits. */
    CASH,
    /** Credits given by an admin, a voucher or a promotion: a cost to the platform. */
    GRANTS_EXPENSE,
    /** What the platform owes the customer in credits (a liability). */
    CUSTOMER_CREDIT,
    /** Credits that expired unused: income to the platform. */
    BREAKAGE,
    /** Usage charged: income to the platform. */
    REVENUE,
    /** What a customer owes: postpaid usage accrued, and prepaid usage past the allowance (uncollected debt). */
    RECEIVABLE,
    /** Purchased credits whose payment is disputed, held until the dispute ends. */
    DISPUTED;

    /** The account that funds a grant of the given kind. */
    public static LedgerAccount fundingFor(GrantKind kind) {
        return kind == GrantKind.PURCHASE ? CASH : GRANTS_EXPENSE;
    }
}

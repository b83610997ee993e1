package dev.tally.api.credits;

/** Why credits were granted; each kind is funded from its own ledger account (see {@link LedgerAccount}). */
public enum GrantKind {
    PURCHASE,
    ADMIN,
    VOUCHER,
    PROMOTION
}

package dev.tally.api.account;

/** Prepaid accounts spend granted credits; postpaid accounts accrue charges into the open period's invoice. */
public enum BillingMode {
    PREPAID,
    POSTPAID
}

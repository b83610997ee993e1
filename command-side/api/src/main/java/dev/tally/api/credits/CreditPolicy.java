package dev.tally.api.credits;

import dev.tally.api.Money;

import java.util.Currency;

/** The configured rules of prepaid ledgers. */
@FunctionalInterface
public interface CreditPolicy {

    /** How far below zero a prepaid balance in {@code currency} may go; usage past it is uncollected debt. */
    Money prepaidAllowance(Currency currency);
}

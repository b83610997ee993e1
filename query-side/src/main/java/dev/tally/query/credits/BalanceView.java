package dev.tally.query.credits;

import dev.tally.api.MoneyView;
import dev.tally.api.account.BillingMode;

import java.time.Instant;

/**
 * GET /accounts/{id}/balance (API.md, Credits and balance). For a prepaid account balance = totalGranted - totalUsed
 * - totalExpired - totalRefunded + totalReversed - totalHeld; {@code uncollected} is prepaid usage past the allowance, still
 * owed; {@code accruedThisPeriod} is postpaid usage of the current calendar month in UTC.
 */
public record BalanceView(String accountId,
                          BillingMode billingMode,
                          MoneyView balance,
                          MoneyView totalGranted,
                          MoneyView totalUsed,
                          MoneyView totalExpired,
                          MoneyView totalRefunded,
                          MoneyView totalReversed,
                          MoneyView totalHeld,
                          MoneyView uncollected,
                          MoneyView accruedThisPeriod,
                          boolean lowBalance,
                          Instant asOf) {
}

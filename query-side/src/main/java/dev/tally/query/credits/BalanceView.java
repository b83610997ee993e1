package dev.tally.query.credits;

import dev.tally.api.MoneyView;
import dev.tally.api.account.BillingMode;

import java.time.Instant;

/** GET /accounts/{id}/balance (API.md, Credits and balance). */
public record BalanceView(String accountId,
                          BillingMode billingMode,
                          MoneyView balance,
                          MoneyView totalGranted,
                          MoneyView totalUsed,
                          MoneyView totalExpired,
                          MoneyView accruedThisPeriod,
                          boolean lowBalance,
                          Instant asOf) {
}

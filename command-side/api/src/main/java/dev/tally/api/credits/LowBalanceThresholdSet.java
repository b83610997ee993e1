package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

import java.math.BigDecimal;

public record LowBalanceThresholdSet(AccountId accountId, Money amount, BigDecimal percentOfLastTopUp) {
}

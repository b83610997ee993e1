package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * The balance at or below which the account is told its credits run low: a fixed {@code amount}, or a
 * {@code percentOfLastTopUp} (of its last grant). Both null removes the threshold (low means at or below zero).
 */
public record SetLowBalanceThreshold(AccountId accountId, Money amount, BigDecimal percentOfLastTopUp) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

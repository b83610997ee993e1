package dev.tally.api.billing;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The day of the month (1 to 28, in UTC) the account's billing periods start on; from the period after the open
 * one, which ends at the first such day after it started.
 */
public record SetBillingAnchor(AccountId accountId, Integer day) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

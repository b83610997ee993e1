package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.account.BillingMode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Follows the account's billing mode into its ledger, which decides how charges are taken. */
public record ChangeLedgerBillingMode(AccountId accountId, BillingMode billingMode) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.account.BillingMode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Currency;

/** Opens an account's credits ledger; sent when the account is opened, in the same transaction. */
public record OpenCreditLedger(AccountId accountId, Currency currency, BillingMode billingMode) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

package dev.tally.api.credits;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Closes an account's ledger when the account is closed: it takes no more grants. */
public record CloseCreditLedger(AccountId accountId, Instant closedAt) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.PriceBookId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The ledger rates usage with {@code priceBookId} from now on; sent when the account is given a book. */
public record AssignLedgerPriceBook(AccountId accountId, PriceBookId priceBookId) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

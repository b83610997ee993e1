package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The payment behind a purchase was refunded outside Tally (Stripe's charge.refunded): {@code refundedInTotal} of it
 * has gone back so far. The ledger records what it has not recorded yet, whatever is left of the grant, so a repeat
 * or an older total changes nothing.
 */
public record ReversePurchase(AccountId accountId, String grantId, Money refundedInTotal, String reason,
                              Instant reversedAt) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

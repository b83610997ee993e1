package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Holds credits of a purchase whose payment is disputed (Stripe's charge.dispute.created): they can no longer be
 * used. A repeat with the same hold id changes nothing.
 */
public record HoldCredits(AccountId accountId, String holdId, String grantId, Money amount, String reason,
                          Instant heldAt) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

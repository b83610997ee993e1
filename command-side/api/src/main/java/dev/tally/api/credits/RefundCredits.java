package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Pays back unused purchased credits of {@code grantId} as money. A repeat with the same refund id and amount
 * changes nothing.
 */
public record RefundCredits(AccountId accountId,
                            String refundId,
                            String grantId,
                            Money amount,
                            String reason,
                            Instant refundedAt) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

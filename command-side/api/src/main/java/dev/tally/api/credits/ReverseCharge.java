package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Takes back {@code amount} of what the account was charged (an admin's correction; {@code chargeId}, optional,
 * names the usage charge it concerns). A repeat with the same reversal id and amount changes nothing.
 */
public record ReverseCharge(AccountId accountId,
                            String reversalId,
                            String chargeId,
                            Money amount,
                            String reason,
                            Instant reversedAt) {

    public ReverseCharge {
        Objects.requireNonNull(reversedAt, "reversedAt");
    }

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Grants credits to an account. {@code grantedAt} is the engine's clock when the grant was made; {@code expiresAt},
 * when present, is the instant the unused remainder expires. A repeat with the same grant id and content changes
 * nothing.
 */
public record GrantCredits(AccountId accountId,
                           String grantId,
                           GrantKind kind,
                           Money amount,
                           Instant grantedAt,
                           Instant expiresAt,
                           String note) {

    public GrantCredits {
        Objects.requireNonNull(grantedAt, "grantedAt");
    }

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

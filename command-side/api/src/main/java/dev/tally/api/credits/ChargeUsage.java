package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.metering.MeteredQuantity;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Charges an environment's usage over a window to the account's ledger, rated with the account's price book.
 * {@code usageId} is the id of the {@code UsageMeasured} event behind it. Sent by rating in the scrape's transaction.
 */
public record ChargeUsage(AccountId accountId,
                          String usageId,
                          EnvironmentId environmentId,
                          Instant from,
                          Instant to,
                          List<MeteredQuantity> quantities) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

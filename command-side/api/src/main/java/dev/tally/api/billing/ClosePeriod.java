package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Closes the account's open billing period at {@code periodEnd} (a period boundary, not after {@code closedAt}) into
 * the invoice {@code invoiceId}.
 */
public record ClosePeriod(AccountId accountId, Instant periodEnd, InvoiceId invoiceId, Instant closedAt) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

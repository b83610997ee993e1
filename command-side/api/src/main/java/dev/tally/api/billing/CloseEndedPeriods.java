package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Closes the account's billing periods that have ended by {@code upTo}, whatever its anchor day, into the invoice
 * {@code invoiceId}; nothing when none has. Sent for every account by the scheduled close and by an admin's close
 * of all accounts.
 */
public record CloseEndedPeriods(AccountId accountId, Instant upTo, InvoiceId invoiceId, Instant closedAt) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Money received for an invoice: what the account owed (receivable) is paid in cash. Sent when it is paid. */
public record RecordInvoicePayment(AccountId accountId, InvoiceId invoiceId, Money amount, Instant paidAt) {

    @TargetAggregateIdentifier
    public String ledgerId() {
        return accountId.ledgerId();
    }
}

package dev.tally.api.billing;

import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Credits part of a finalized invoice back; a repeat with the same id and amount changes nothing. */
public record IssueCreditNote(InvoiceId invoiceId, String creditNoteId, Money amount, String reason, Instant issuedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return invoiceId.aggregateId();
    }
}

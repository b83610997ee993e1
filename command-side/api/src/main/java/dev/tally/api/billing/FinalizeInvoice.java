package dev.tally.api.billing;

import dev.tally.api.InvoiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Finalizes a draft: it takes the next number of its year and never changes again. */
public record FinalizeInvoice(InvoiceId invoiceId, Instant finalizedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return invoiceId.aggregateId();
    }
}

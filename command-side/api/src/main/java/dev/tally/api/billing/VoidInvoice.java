package dev.tally.api.billing;

import dev.tally.api.InvoiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record VoidInvoice(InvoiceId invoiceId, String reason, Instant voidedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return invoiceId.aggregateId();
    }
}

package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Opens the invoice of a closed period as a draft; sent in the transaction that closed the period. */
public record DraftInvoice(InvoiceId invoiceId,
                           AccountId accountId,
                           Instant periodStart,
                           Instant periodEnd,
                           BillingMode billingMode,
                           List<InvoiceLine> lines,
                           Money subtotal,
                           Money creditsApplied,
                           Money total,
                           Instant draftedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return invoiceId.aggregateId();
    }
}

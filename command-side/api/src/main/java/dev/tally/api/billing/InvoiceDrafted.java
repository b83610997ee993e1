package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;

import java.time.Instant;
import java.util.List;

public record InvoiceDrafted(InvoiceId invoiceId,
                             AccountId accountId,
                             Instant periodStart,
                             Instant periodEnd,
                             BillingMode billingMode,
                             List<InvoiceLine> lines,
                             Money subtotal,
                             Money creditsApplied,
                             Money total,
                             Instant draftedAt) {
}

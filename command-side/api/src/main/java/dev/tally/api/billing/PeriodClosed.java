package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;

import java.time.Instant;
import java.util.List;

/**
 * A billing period closed: the lines of its usage (and of late usage of earlier periods, as adjustments), their
 * rounded sum, what prepaid credits paid of it, and what is due.
 */
public record PeriodClosed(AccountId accountId,
                           InvoiceId invoiceId,
                           Instant periodStart,
                           Instant periodEnd,
                           BillingMode billingMode,
                           List<InvoiceLine> lines,
                           Money subtotal,
                           Money creditsApplied,
                           Money total,
                           Instant closedAt) {
}

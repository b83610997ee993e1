package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;

import java.time.Instant;

public record CreditNoteIssued(InvoiceId invoiceId,
                               AccountId accountId,
                               String creditNoteId,
                               BillingMode billingMode,
                               Money amount,
                               String reason,
                               Instant issuedAt) {
}

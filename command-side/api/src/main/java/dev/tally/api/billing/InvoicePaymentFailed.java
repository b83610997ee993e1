package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;

import java.time.Instant;

public record InvoicePaymentFailed(InvoiceId invoiceId, AccountId accountId, Instant failedAt, String reason) {
}

package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;

import java.time.Instant;

public record InvoiceVoided(InvoiceId invoiceId, AccountId accountId, String reason, Instant voidedAt) {
}

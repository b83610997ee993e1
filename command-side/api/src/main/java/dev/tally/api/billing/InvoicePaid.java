package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;

import java.time.Instant;

public record InvoicePaid(InvoiceId invoiceId, AccountId accountId, Money amount, Instant paidAt, String paymentReference) {
}

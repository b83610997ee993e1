package dev.tally.api.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.BillingMode;

import java.time.Instant;

/** {@code number} is gap-free per year of {@code finalizedAt}, e.g. 2026-000001. */
public record InvoiceFinalized(InvoiceId invoiceId,
                               AccountId accountId,
                               String number,
                               BillingMode billingMode,
                               Money total,
                               Instant finalizedAt,
                               Instant dueAt) {
}

package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;

import java.time.Instant;

/** An invoice paid: a posting from cash to receivable. */
public record InvoicePaymentReceived(AccountId accountId,
                                     InvoiceId invoiceId,
                                     Money amount,
                                     Instant paidAt,
                                     LedgerAccount debit,
                                     LedgerAccount credit) {
}

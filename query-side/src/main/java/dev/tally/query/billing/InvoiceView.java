package dev.tally.query.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.MoneyView;
import dev.tally.api.account.BillingMode;

import java.time.Instant;
import java.util.List;

/**
 * GET /invoices/{id} and each item of GET /accounts/{id}/invoices (API.md, Invoices). {@code total} is what is due:
 * {@code subtotal} (the lines' rounded amounts) less {@code creditsApplied}; {@code credited} is what credit notes
 * gave back since. A draft has no {@code number} yet, which shows as null rather than missing because API.md lists
 * it; the other times, the payment, the failure, the void and {@code stripe} appear once they happened.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoiceView(String id,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String number,
                          String accountId,
                          Instant periodStart,
                          Instant periodEnd,
                          String status,
                          BillingMode billingMode,
                          List<InvoiceLineView> lines,
                          MoneyView subtotal,
                          MoneyView creditsApplied,
                          MoneyView total,
                          MoneyView credited,
                          List<CreditNoteView> creditNotes,
                          Instant draftedAt,
                          Instant finalizedAt,
                          Instant dueAt,
                          Instant paidAt,
                          MoneyView amountPaid,
                          String paymentReference,
                          Instant paymentFailedAt,
                          String paymentFailureReason,
                          Instant voidedAt,
                          String voidReason,
                          StripeView stripe) {
}

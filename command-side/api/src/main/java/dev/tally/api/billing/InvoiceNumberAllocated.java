package dev.tally.api.billing;

import dev.tally.api.InvoiceId;

/** The {@code sequence}-th invoice number of {@code year} went to {@code invoiceId}. */
public record InvoiceNumberAllocated(int year, int sequence, String number, InvoiceId invoiceId) {
}

package dev.tally.integrations.stripe;

import dev.tally.api.InvoiceId;
import dev.tally.api.Money;

import java.util.Currency;
import java.util.List;

/** A finalized Tally invoice as it is sent to Stripe: one invoice item per line, amounts already rounded. */
public record OutgoingInvoice(InvoiceId invoiceId, String number, String customerId, Currency currency,
                              List<Item> items) {

    public OutgoingInvoice {
        items = List.copyOf(items);
    }

    public record Item(Money amount, String description) {
    }
}

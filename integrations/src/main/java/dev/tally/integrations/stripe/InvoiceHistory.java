package dev.tally.integrations.stripe;

import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceFinalized;
import dev.tally.api.billing.InvoiceSentToStripe;
import dev.tally.api.billing.InvoiceVoided;

import java.util.List;

/**
 * What the Invoice aggregate's events say about sending it to Stripe: its lines (drafted), its number (finalized),
 * and whether it was sent or voided already. Any field may be null or false while the invoice is not that far.
 */
record InvoiceHistory(InvoiceDrafted drafted, InvoiceFinalized finalized, InvoiceSentToStripe sent,
                      InvoiceVoided voided) {

    /** From the aggregate's event payloads, in their order. */
    static InvoiceHistory of(List<?> payloads) {
        InvoiceHistory history = new InvoiceHistory(null, null, null, null);
        for (Object payload : payloads) {
            history = history.with(payload);
        }
        return history;
    }

    private InvoiceHistory with(Object payload) {
        return switch (payload) {
            case InvoiceDrafted event -> new InvoiceHistory(event, finalized, sent, voided);
            case InvoiceFinalized event -> new InvoiceHistory(drafted, event, sent, voided);
            case InvoiceSentToStripe event -> new InvoiceHistory(drafted, finalized, event, voided);
            case InvoiceVoided event -> new InvoiceHistory(drafted, finalized, sent, event);
            default -> this;
        };
    }
}

package dev.tally.query.billing;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * Where a postpaid invoice is in Stripe: {@code PENDING} while its push to Stripe is queued (Stripe unreachable so
 * far), {@code SENT} with Stripe's invoice id once it is there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StripeView(String status, String invoiceId, Instant sentAt) {

    static StripeView pending() {
        return new StripeView("PENDING", null, null);
    }

    static StripeView sent(String stripeInvoiceId, Instant sentAt) {
        return new StripeView("SENT", stripeInvoiceId, sentAt);
    }
}

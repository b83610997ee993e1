package dev.tally.integrations.stripe.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The 200 answer to a delivery. Stripe only needs the status, but shows the body in its dashboard, where this says
 * what Tally did with the event ({@code reason}: why it was ignored).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StripeWebhookReceipt(String eventId, String type, StripeEventOutcome outcome, String reason) {
}

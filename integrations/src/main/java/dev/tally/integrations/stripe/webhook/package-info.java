/**
 * Stripe's webhook, {@code POST /api/v1/webhooks/stripe}: the signature is verified before anything is read
 * ({@link dev.tally.integrations.stripe.webhook.StripeSignature}), each event is turned into the commands it asks for
 * ({@link dev.tally.integrations.stripe.webhook.StripeEventEffects}), and those are sent with the event's record in
 * one unit of work ({@link dev.tally.integrations.stripe.webhook.StripeEventApplier}), so an event takes effect once
 * and a failed one is left for Stripe to deliver again.
 */
package dev.tally.integrations.stripe.webhook;

package dev.tally.integrations.stripe;

/** A Stripe Checkout Session as the purchase answers it: where to send the customer to pay. */
public record CheckoutSession(String sessionId, String checkoutUrl) {
}

package dev.tally.api.stripe;

import java.time.Instant;

/** A Stripe event took effect, at {@code receivedAt} on the engine's clock; its effects are stored with it. */
public record StripeEventReceived(String eventId, String type, Instant receivedAt) {
}

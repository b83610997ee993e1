package dev.tally.api.stripe;

import dev.tally.api.Ids;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Notes that a verified Stripe event has arrived, so that it takes effect once: it is sent first, in the transaction
 * of the event's effects, and answers {@code true} the first time and {@code false} for a repeat (which changes
 * nothing), so the effects of a repeat are never sent.
 */
public record RecordStripeEvent(String eventId, String type, Instant receivedAt) {

    public RecordStripeEvent {
        Ids.require("eventId", eventId);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return stripeEventAggregateId(eventId);
    }

    /** Suffixed, so a Stripe event id never collides with another aggregate's id. */
    public static String stripeEventAggregateId(String eventId) {
        return eventId + "/stripe-event";
    }
}

package dev.tally.domain.stripe;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.stripe.RecordStripeEvent;
import dev.tally.api.stripe.StripeEventReceived;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One Stripe event, by Stripe's event id: it exists once the event has taken effect. Stripe delivers an event at
 * least once (and again after any answer but a 2xx), so the webhook records the event first, in the transaction of
 * its effects, and sends the effects only when this is the first time.
 */
@Aggregate(cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class StripeEvent {

    @AggregateIdentifier
    private String aggregateId;

    StripeEvent() {
    }

    /**
     * Created if missing rather than by a constructor, so a repeat is answered in the aggregate ({@code false}, no
     * event) before any effect is sent, instead of failing on the event store's unique key after them.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(RecordStripeEvent command) {
        if (aggregateId != null) {
            return false;
        }
        apply(new StripeEventReceived(command.eventId(), command.type(), command.receivedAt()));
        return true;
    }

    @EventSourcingHandler
    void on(StripeEventReceived event) {
        aggregateId = RecordStripeEvent.stripeEventAggregateId(event.eventId());
    }
}

package dev.tally.integrations.stripe;

import dev.tally.api.InvoiceId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads an invoice from its own events rather than a read model: a finalized invoice never changes, its events are
 * there as soon as it is finalized, and they carry every line as it was billed.
 */
@Component
public class InvoiceEvents {

    private final EventStore eventStore;

    public InvoiceEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    InvoiceHistory historyOf(InvoiceId invoiceId) {
        // From sequence 0: every event, never a snapshot in their place.
        return InvoiceHistory.of(eventStore.readEvents(invoiceId.aggregateId(), 0L).asStream()
                .map(EventMessage::getPayload).toList());
    }
}

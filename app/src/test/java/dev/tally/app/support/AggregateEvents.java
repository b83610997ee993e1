package dev.tally.app.support;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.HashMap;
import java.util.Map;

/**
 * Events appended straight to the event store, each with its aggregate's next sequence number, as the aggregate
 * would append them: for tests of read models alone. The streaming processors find them there; nothing is published
 * on the event bus, so the domain's subscribing relays do not react.
 */
public final class AggregateEvents {

    private final EventStorageEngine storage;
    private final Map<String, Long> nextSequence = new HashMap<>();

    public AggregateEvents(EventStorageEngine storage) {
        this.storage = storage;
    }

    public void append(String aggregateType, String aggregateId, Object... payloads) {
        for (Object payload : payloads) {
            long sequence = nextSequence.merge(aggregateId, 0L, (last, ignored) -> last + 1);
            storage.appendEvents(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload));
        }
    }
}

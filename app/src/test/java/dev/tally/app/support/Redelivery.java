package dev.tally.app.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Hands a projection an aggregate's stored events again, as a processor does after a batch was handled but its token
 * not stored: the same messages (identifier, sequence, timestamp), through the same annotated handlers, in one
 * transaction. A read model keyed by event or sequence must come out unchanged.
 */
public final class Redelivery {

    private Redelivery() {
    }

    public static void redeliver(Object projection, EventStorageEngine storage,
                                 PlatformTransactionManager transactions, String aggregateId) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        List<? extends DomainEventMessage<?>> events = storage.readEvents(aggregateId).asStream().toList();
        new TransactionTemplate(transactions).executeWithoutResult(status -> events.forEach(event -> {
            try {
                handlers.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("redelivering " + event.getPayloadType().getSimpleName(), e);
            }
        }));
    }
}

package dev.tally.app.axon;

import dev.tally.api.DomainException;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Rebuilds a read model from the first event while the engine runs, in one database transaction: the processor
 * stops, its reset handler empties its tables (with DELETE, so readers keep seeing the old rows), every stored event
 * passes through its handlers, its tokens move to the last event, and the commit swaps the old read model for the
 * new one at once. Until then reads answer from the complete old read model, never from a half-built one; a failure
 * rolls everything back and leaves the old one in place. Then the processor starts again from where the rebuild
 * ended. One node's rebuild: with several nodes, the others must not claim the processor's segments meanwhile.
 */
@Component
public class ReadModelRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);

    /** A rebuild under way: the global index of the last event it has handled, and how many it has handled. */
    public record Progress(long position, long events) {
    }

    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionTemplate transaction;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    /** A thread per rebuild under way: read models rebuild side by side, as their processors would. */
    private final ExecutorService executor = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("read-model-rebuild-", 0).daemon().factory());

    public ReadModelRebuilds(EventStorageEngine storage, TokenStore tokens, PlatformTransactionManager transactions) {
        this.storage = storage;
        this.tokens = tokens;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Starts rebuilding the processor's read model in the background; CONFLICT when one is under way already. */
    public void start(StreamingEventProcessor processor) {
        if (!(processor instanceof AbstractEventProcessor handlers) || !processor.supportsReset()) {
            throw DomainException.conflict("processor " + processor.getName() + " does not support a replay: its "
                    + "handlers have side effects that must not run twice");
        }
        if (running.putIfAbsent(processor.getName(), new Progress(-1, 0)) != null) {
            throw DomainException.conflict("processor " + processor.getName() + " is being rebuilt already");
        }
        executor.execute(() -> {
            try {
                rebuild(processor, handlers.eventHandlerInvoker());
            } catch (RuntimeException e) {
                log.error("The rebuild of {} failed and was rolled back; its read model is as it was",
                        processor.getName(), e);
            } finally {
                running.remove(processor.getName());
                processor.start();
            }
        });
    }

    public Optional<Progress> progress(String processorName) {
        return Optional.ofNullable(running.get(processorName));
    }

    private void rebuild(StreamingEventProcessor processor, EventHandlerInvoker invoker) {
        String name = processor.getName();
        processor.shutDown();
        transaction.executeWithoutResult(status -> {
            invoker.performReset();
            TrackingToken last = null;
            long handled = 0;
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                        DefaultUnitOfWork.startAndGet(event).execute(() -> handle(invoker, event));
                    }
                    last = event.trackingToken();
                    running.put(name, new Progress(last.position().orElse(-1), ++handled));
                }
            }
            if (last != null) {
                for (int segment : tokens.fetchSegments(name)) {
                    tokens.storeToken(last, name, segment);
                }
            }
            log.info("Rebuilt the read model of {} from {} events", name, handled);
        });
    }

    private static void handle(EventHandlerInvoker invoker, TrackedEventMessage<?> event) {
        try {
            invoker.handle(event, Segment.ROOT_SEGMENT);
        } catch (Exception e) {
            throw new IllegalStateException("event " + event.getIdentifier() + " failed in the rebuild", e);
        }
    }
}

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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Rebuilds read models from the first event while the engine runs, in one database transaction: the processors
 * stop, their reset handlers empty their tables (with DELETE, so readers keep seeing the old rows), every stored
 * event passes through their handlers, their tokens move to the last event, and the commit swaps the old read models
 * for the new ones at once. Until then reads answer from the complete old read models, never from half-built ones;
 * a failure rolls everything back and leaves the old ones in place. Then the processors start again from where the
 * rebuild ended. Read models rebuilt together share one pass over the event store: each event is read and
 * deserialized once, for all of them. One node's rebuild: with several nodes, the others must not claim the
 * processors' segments meanwhile.
 */
@Component
public class ReadModelRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);

    /** A rebuild under way: the global index of the last event it has handled, and how many it has handled. */
    public record Progress(long position, long events) {
    }

    private record Rebuild(StreamingEventProcessor processor, EventHandlerInvoker invoker) {
    }

    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionTemplate transaction;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    /** A thread per rebuild under way: separate requests rebuild side by side, as their processors would. */
    private final ExecutorService executor = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("read-model-rebuild-", 0).daemon().factory());

    public ReadModelRebuilds(EventStorageEngine storage, TokenStore tokens, PlatformTransactionManager transactions) {
        this.storage = storage;
        this.tokens = tokens;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Starts rebuilding the processors' read models together in the background; CONFLICT, and nothing started, when
     * one does not allow a replay or is being rebuilt already.
     */
    public synchronized void start(List<StreamingEventProcessor> processors) {
        List<Rebuild> rebuilds = new ArrayList<>();
        for (StreamingEventProcessor processor : processors) {
            if (!(processor instanceof AbstractEventProcessor handlers) || !processor.supportsReset()) {
                throw DomainException.conflict("processor " + processor.getName() + " does not support a replay: "
                        + "its handlers have side effects that must not run twice");
            }
            if (running.containsKey(processor.getName())) {
                throw DomainException.conflict("processor " + processor.getName() + " is being rebuilt already");
            }
            rebuilds.add(new Rebuild(processor, handlers.eventHandlerInvoker()));
        }
        rebuilds.forEach(rebuild -> running.put(rebuild.processor().getName(), new Progress(-1, 0)));
        executor.execute(() -> {
            try {
                rebuild(rebuilds);
            } catch (RuntimeException e) {
                log.error("The rebuild of {} failed and was rolled back; the read models are as they were",
                        names(rebuilds), e);
            } finally {
                for (Rebuild rebuild : rebuilds) {
                    running.remove(rebuild.processor().getName());
                    rebuild.processor().start();
                }
            }
        });
    }

    public Optional<Progress> progress(String processorName) {
        return Optional.ofNullable(running.get(processorName));
    }

    private void rebuild(List<Rebuild> rebuilds) {
        rebuilds.forEach(rebuild -> rebuild.processor().shutDown());
        transaction.executeWithoutResult(status -> {
            rebuilds.forEach(rebuild -> rebuild.invoker().performReset());
            TrackingToken last = null;
            long handled = 0;
            List<EventHandlerInvoker> handling = new ArrayList<>(rebuilds.size());
            try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
                while (iterator.hasNext()) {
                    TrackedEventMessage<?> event = iterator.next();
                    handling.clear();
                    for (Rebuild rebuild : rebuilds) {
                        if (rebuild.invoker().canHandle(event, Segment.ROOT_SEGMENT)) {
                            handling.add(rebuild.invoker());
                        }
                    }
                    if (!handling.isEmpty()) {
                        DefaultUnitOfWork.startAndGet(event).execute(() -> handling.forEach(
                                invoker -> handle(invoker, event)));
                    }
                    last = event.trackingToken();
                    Progress progress = new Progress(last.position().orElse(-1), ++handled);
                    rebuilds.forEach(rebuild -> running.put(rebuild.processor().getName(), progress));
                }
            }
            if (last != null) {
                for (Rebuild rebuild : rebuilds) {
                    String name = rebuild.processor().getName();
                    for (int segment : tokens.fetchSegments(name)) {
                        tokens.storeToken(last, name, segment);
                    }
                }
            }
            log.info("Rebuilt the read models of {} from {} events", names(rebuilds), handled);
        });
    }

    private static List<String> names(List<Rebuild> rebuilds) {
        return rebuilds.stream().map(rebuild -> rebuild.processor().getName()).toList();
    }

    private static void handle(EventHandlerInvoker invoker, TrackedEventMessage<?> event) {
        try {
            invoker.handle(event, Segment.ROOT_SEGMENT);
        } catch (Exception e) {
            throw new IllegalStateException("event " + event.getIdentifier() + " failed in the rebuild", e);
        }
    }
}

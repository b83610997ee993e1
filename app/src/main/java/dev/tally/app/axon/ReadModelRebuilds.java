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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Rebuilds read models from the first event while the engine runs, each in one database transaction: the processor
 * stops, its reset handler empties its tables (with DELETE, so readers keep seeing the old rows), every stored event
 * passes through its handlers, its tokens move to the last event, and the commit swaps the old read model for the new
 * one at once. Until then reads answer from the complete old read model, never from a half-built one; a failure rolls
 * it back and leaves the old one in place. Then the processor starts again from where the rebuild ended. Read models
 * rebuilt together share one pass over the event store: each event is read and deserialized once, for all of them.
 * One node's rebuild: with several nodes, the others must not claim the processors' segments meanwhile.
 */
@Component
public class ReadModelRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);

    /** A rebuild under way: the global index of the last event it has handled, and how many it has handled. */
    public record Progress(long position, long events) {
    }

    private record Rebuild(StreamingEventProcessor processor, EventHandlerInvoker invoker) {
    }

    /** Events read ahead of a read model's worker. */
    private static final int QUEUED_EVENTS = 1_000;

    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionTemplate transaction;
    private final Map<String, Progress> running = new ConcurrentHashMap<>();
    /** Threads of the rebuilds under way: a reader and a worker per read model; separate requests run side by side. */
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

    /**
     * One reader streams the event store once; each read model is rebuilt by a worker of its own, in a transaction of
     * its own, from the events its handlers take (each deserialized once, by the first worker to need it: the workers,
     * not the reader, so that work spreads over the cores). The workers' statements overlap, as their processors'
     * would; a read model whose rebuild fails is rolled back alone.
     */
    private void rebuild(List<Rebuild> rebuilds) {
        rebuilds.forEach(rebuild -> rebuild.processor().shutDown());
        List<Worker> workers = rebuilds.stream().map(Worker::new).toList();
        List<Future<?>> work = workers.stream().<Future<?>>map(executor::submit).toList();
        TrackingToken last = null;
        long read = 0;
        boolean complete = false;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                for (Worker worker : workers) {
                    if (worker.rebuild.invoker().canHandle(event, Segment.ROOT_SEGMENT)) {
                        worker.offer(event);
                    }
                }
                last = event.trackingToken();
                Progress progress = new Progress(last.position().orElse(-1), ++read);
                rebuilds.forEach(rebuild -> running.put(rebuild.processor().getName(), progress));
            }
            complete = true;
        } finally {
            for (Worker worker : workers) {
                worker.finish(complete, last);
            }
            awaitAll(workers, work, read);
        }
    }

    /** Waits for every worker to commit or roll back, so the processors start again only after them. */
    private static void awaitAll(List<Worker> workers, List<Future<?>> work, long read) {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            try {
                work.get(i).get();
            } catch (ExecutionException e) {
                failed.add(workers.get(i).name());
                log.error("The rebuild of {} failed and was rolled back; its read model is as it was",
                        workers.get(i).name(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the rebuilds", e);
            }
        }
        log.info("Rebuilt the read models of {} from {} events{}",
                workers.stream().map(Worker::name).toList(), read,
                failed.isEmpty() ? "" : "; failed and rolled back: " + failed);
    }

    /** Rebuilds one read model from the events the reader hands it, in one transaction. */
    private final class Worker implements Runnable {

        /**
         * What the reader hands a worker: an event to handle, or the end of the events, with the last one's token when
         * every event was read ({@code complete}; otherwise the worker rolls back).
         */
        private record Item(TrackedEventMessage<?> event, boolean end, boolean complete, TrackingToken last) {
        }

        private final Rebuild rebuild;
        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUED_EVENTS);
        /** Set when the worker has failed: it then drains what it is handed, so the reader never waits on it. */
        private volatile boolean failed;
        /** Whether the worker has taken the reader's last item: a failure after it has nothing left to drain. */
        private boolean ended;

        Worker(Rebuild rebuild) {
            this.rebuild = rebuild;
        }

        String name() {
            return rebuild.processor().getName();
        }

        void offer(TrackedEventMessage<?> event) {
            if (!failed) {
                put(new Item(event, false, false, null));
            }
        }

        void finish(boolean complete, TrackingToken last) {
            put(new Item(null, true, complete, last));
        }

        private void put(Item item) {
            try {
                queue.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rebuilding " + name(), e);
            }
        }

        @Override
        public void run() {
            try {
                transaction.executeWithoutResult(status -> {
                    rebuild.invoker().performReset();
                    TrackingToken last = handleUntilTheEnd();
                    if (last != null) {
                        for (int segment : tokens.fetchSegments(name())) {
                            tokens.storeToken(last, name(), segment);
                        }
                    }
                });
            } catch (RuntimeException e) {
                failed = true;
                drain();
                throw e;
            }
        }

        private TrackingToken handleUntilTheEnd() {
            while (true) {
                Item item = take();
                ended = item.end();
                if (item.end() && !item.complete()) {
                    throw new IllegalStateException("reading the events failed; the rebuild of " + name()
                            + " is rolled back");
                }
                if (item.end()) {
                    return item.last();
                }
                DefaultUnitOfWork.startAndGet(item.event()).execute(() -> handle(rebuild.invoker(), item.event()));
            }
        }

        private void drain() {
            while (!ended) {
                // the reader is still handing events over; they are dropped with the rolled-back read model
                ended = take().end();
            }
        }

        private Item take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while rebuilding " + name(), e);
            }
        }
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

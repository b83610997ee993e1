package dev.tally.app.axon;

import dev.tally.api.DomainException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * GET /admin/processors: every streaming processor with how far it has read the event store and how far behind the
 * head it is. POST /admin/processors/{name}/replay: rebuilds a processor's read model from the first event while the
 * engine runs, in one transaction ({@link ReadModelRebuilds}): reads keep answering from the old read model until
 * the new one is complete; the progress shows in GET as {@code REBUILDING}. POST /admin/processors/replay rebuilds
 * every read model that allows it, in one pass over the events.
 */
@RestController
@RequestMapping("/api/v1/admin/processors")
class ProcessorsController {

    /** A processor's progress. {@code position} is the lowest global index its claimed segments have reached. */
    record ProcessorStatus(String name, int segments, List<Integer> claimedSegments, Long position, Long lag,
                           String state, boolean replaying) {
    }

    private final EventProcessingConfiguration processing;
    private final ProcessorFailures failures;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final ReadModelRebuilds rebuilds;

    ProcessorsController(EventProcessingConfiguration processing, ProcessorFailures failures, EventStore eventStore,
                         TokenStore tokenStore, TransactionManager transactionManager, ReadModelRebuilds rebuilds) {
        this.rebuilds = rebuilds;
        this.processing = processing;
        this.failures = failures;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
    }

    @GetMapping
    List<ProcessorStatus> processors() {
        long head = head();
        Map<String, ProcessorFailures.Failure> failing = failures.current();
        return streamingProcessors().map(processor -> status(processor, head, failing)).toList();
    }

    private Stream<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .sorted(Comparator.comparing(EventProcessor::getName));
    }

    @GetMapping("/{name}")
    ProcessorStatus processor(@PathVariable String name) {
        return status(streaming(name), head(), failures.current());
    }

    /** Starts a rebuild and answers at once (202) with the processor's status; GET shows the progress. */
    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProcessorStatus replay(@PathVariable String name) {
        StreamingEventProcessor processor = streaming(name);
        rebuilds.start(List.of(processor));
        return status(processor, head(), failures.current());
    }

    /**
     * Rebuilds every read model that allows a replay, in one pass over the event store, and answers at once (202)
     * with their statuses; processors whose handlers have side effects (Stripe, the cluster collector) are left alone.
     */
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    List<ProcessorStatus> replayAll() {
        List<StreamingEventProcessor> replayable = streamingProcessors()
                .filter(StreamingEventProcessor::supportsReset)
                .toList();
        rebuilds.start(replayable);
        long head = head();
        Map<String, ProcessorFailures.Failure> failing = failures.current();
        return replayable.stream().map(processor -> status(processor, head, failing)).toList();
    }

    private StreamingEventProcessor streaming(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> DomainException.notFound("no streaming processor named " + name));
    }

    private long head() {
        TrackingToken token = eventStore.createHeadToken();
        return token == null ? 0 : token.position().orElse(0);
    }

    private ProcessorStatus status(StreamingEventProcessor processor, long head,
                                   Map<String, ProcessorFailures.Failure> failing) {
        Optional<ReadModelRebuilds.Progress> rebuilding = rebuilds.progress(processor.getName());
        if (rebuilding.isPresent()) {
            long position = rebuilding.get().position();
            return new ProcessorStatus(processor.getName(), segmentCount(processor.getName()), List.of(), position,
                    Math.max(0, head - position), "REBUILDING", true);
        }
        Map<Integer, EventTrackerStatus> claimed = processor.processingStatus();
        List<Integer> segments = claimed.keySet().stream().sorted().toList();
        Long position = null;
        for (EventTrackerStatus status : claimed.values()) {
            OptionalLong reached = status.getCurrentPosition();
            long value = reached.orElse(0);
            position = position == null ? value : Math.min(position, value);
        }
        String state;
        if (failing.containsKey(processor.getName())) {
            state = "FAILING";
        } else if (!processor.isRunning()) {
            state = "STOPPED";
        } else if (processor.isReplaying()) {
            state = "REPLAYING";
        } else {
            state = "RUNNING";
        }
        return new ProcessorStatus(processor.getName(), segmentCount(processor.getName()), segments, position,
                position == null ? null : Math.max(0, head - position), state, processor.isReplaying());
    }

    /** The segments the token store splits the processor into, read without claiming any. */
    private int segmentCount(String name) {
        return transactionManager.fetchInTransaction(() -> tokenStore.fetchSegments(name)).length;
    }
}

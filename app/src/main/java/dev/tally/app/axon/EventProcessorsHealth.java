package dev.tally.app.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every streaming processor, running or not, with its claimed segments. A processor stuck on a failing event makes
 * the engine DOWN, naming the error and the events it retries, until it has handled them.
 */
@Component("eventProcessors")
public class EventProcessorsHealth implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final ProcessorFailures failures;

    public EventProcessorsHealth(EventProcessingConfiguration processing, ProcessorFailures failures) {
        this.processing = processing;
        this.failures = failures;
    }

    @Override
    public Health health() {
        Map<String, ProcessorFailures.Failure> failing = failures.current();
        Map<String, Object> details = new LinkedHashMap<>();
        processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .forEach(processor -> {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("running", processor.isRunning());
                    detail.put("claimedSegments", processor.processingStatus().keySet());
                    ProcessorFailures.Failure failure = failing.get(processor.getName());
                    if (failure != null) {
                        detail.put("state", "FAILED");
                        detail.put("error", failure.error());
                        detail.put("since", failure.since().toString());
                        detail.put("retryingEvents", failure.pendingEventIds());
                    } else {
                        detail.put("state", processor.isReplaying() ? "REPLAYING" : "OK");
                    }
                    details.put(processor.getName(), detail);
                });
        return (failing.isEmpty() ? Health.up() : Health.down()).withDetails(details).build();
    }
}

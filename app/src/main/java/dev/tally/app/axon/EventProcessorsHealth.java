package dev.tally.app.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports every streaming processor's segments. A segment whose handler failed is DOWN, with the processor, the
 * segment and the error, until it processes the event it stopped at.
 */
@Component("eventProcessors")
public class EventProcessorsHealth implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealth(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean failing = false;
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList()) {
            Map<String, Object> segments = new LinkedHashMap<>();
            for (Map.Entry<Integer, EventTrackerStatus> entry : processor.processingStatus().entrySet()) {
                EventTrackerStatus status = entry.getValue();
                if (status.isErrorState()) {
                    failing = true;
                    Throwable error = status.getError();
                    segments.put(String.valueOf(entry.getKey()), "FAILED: " + error.getClass().getSimpleName()
                            + (error.getMessage() == null ? "" : ": " + error.getMessage()));
                } else {
                    segments.put(String.valueOf(entry.getKey()), status.isReplaying() ? "REPLAYING" : "OK");
                }
            }
            details.put(processor.getName(), Map.of("running", processor.isRunning(), "segments", segments));
        }
        return (failing ? Health.down() : Health.up()).withDetails(details).build();
    }
}

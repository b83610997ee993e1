package dev.tally.app.support;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** Rebuilds read models from the event store, as an operator's replay does. */
public final class ReadModels {

    private ReadModels() {
    }

    /** Stops the group's processor, resets its tokens (its reset handler empties its tables) and starts it again. */
    public static void replay(EventProcessingConfiguration processing, String processingGroup) {
        StreamingEventProcessor processor = processing
                .eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }
}

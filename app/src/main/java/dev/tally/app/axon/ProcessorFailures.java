package dev.tally.app.axon;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which streaming processors are stuck on a failing event. A pooled processor releases a failed segment and retries
 * it later, so its own status forgets the failure between tries; this keeps it until the failed events have been
 * handled and committed. Its error handler records and rethrows: the segment stops, nothing is skipped.
 */
public class ProcessorFailures implements ErrorHandler {

    /** A processor's failure: the events of the failed batch still to be handled, and why it failed. */
    public record Failure(Set<String> pendingEventIds, String error, Instant since) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProcessorFailures.class);

    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    @Override
    public void handleError(ErrorContext context) throws Exception {
        Set<String> eventIds = context.failedEvents().stream()
                .map(EventMessage::getIdentifier)
                .collect(Collectors.toCollection(ConcurrentHashMap::newKeySet));
        Throwable error = context.error();
        Failure previous = failures.put(context.eventProcessor(), new Failure(eventIds,
                error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()),
                Instant.now()));
        if (previous == null) {
            log.error("Processor [{}] stopped at event {}: it retries that event until it succeeds",
                    context.eventProcessor(), eventIds.stream().findFirst().orElse("?"), error);
        }
        throw error instanceof Exception exception ? exception : new IllegalStateException(error);
    }

    /** Counts an event of a failed batch as handled once its unit of work has committed. */
    public MessageHandlerInterceptor<EventMessage<?>> recoveryWatch(String processor) {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            Object result = chain.proceed();
            String eventId = unitOfWork.getMessage().getIdentifier();
            unitOfWork.afterCommit(committed -> failures.computeIfPresent(processor, (name, failure) -> {
                failure.pendingEventIds().remove(eventId);
                return failure.pendingEventIds().isEmpty() ? null : failure;
            }));
            return result;
        };
    }

    public Map<String, Failure> current() {
        return Map.copyOf(failures);
    }
}

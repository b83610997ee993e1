package dev.tally.domain;

import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.deadline.StubDeadlineManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Axon without Spring, wired as the application wires it where it matters to the aggregates: an in-memory event
 * store, a command bus that runs each command in its own unit of work, cached event-sourced repositories, resources
 * injected into handlers, and a deadline manager whose clock the test moves. For tests where aggregates meet (a
 * ledger rating usage with a price book) or where state is carried between commands as in production.
 */
public final class InMemoryAxon {

    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final StubDeadlineManager deadlineManager;
    private final List<Repository<?>> repositories = new ArrayList<>();

    public InMemoryAxon(Instant now) {
        deadlineManager = new StubDeadlineManager(now);
    }

    /** Handles {@code aggregateType}'s commands; its handlers may take {@code resources} and the deadline manager. */
    public <T> Repository<T> register(Class<T> aggregateType, Object... resources) {
        List<Object> injectable = new ArrayList<>(List.of(resources));
        injectable.add(deadlineManager);
        ParameterResolverFactory parameters = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(aggregateType),
                new SimpleResourceParameterResolverFactory(injectable));
        EventSourcingRepository<T> repository = EventSourcingRepository.builder(aggregateType)
                .eventStore(eventStore)
                .cache(new WeakReferenceCache())
                .parameterResolverFactory(parameters)
                .build();
        AggregateAnnotationCommandHandler.<T>builder()
                .aggregateType(aggregateType)
                .repository(repository)
                .parameterResolverFactory(parameters)
                .build()
                .subscribe(commandBus);
        repositories.add(repository);
        return repository;
    }

    /** Handles {@code command} and returns its result; a refusal is thrown as the handler threw it. */
    public Object send(Object command) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), callback);
        return payloadOrThrow(callback.getResult());
    }

    /** Runs {@code work} in a unit of work of its own, committed when it returns. */
    public <R> R inUnitOfWork(Callable<R> work) {
        return payloadOrThrow(DefaultUnitOfWork.startAndGet(null).executeWithResult(work));
    }

    /** The payloads of the events stored for {@code aggregateId}, oldest first. */
    public List<Object> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().<Object>map(Message::getPayload).toList();
    }

    /**
     * Moves the clock to {@code instant}, delivering each deadline due by then to its aggregate in a unit of work of
     * its own, and telling {@code delivered} the payload of each once its work is committed.
     */
    public void advanceTimeTo(Instant instant, Consumer<Object> delivered) {
        deadlineManager.advanceTimeTo(instant, (scope, deadline) -> {
            inUnitOfWork(() -> {
                for (Repository<?> repository : repositories) {
                    if (repository.canResolve(scope)) {
                        repository.send(deadline, scope);
                    }
                }
                return null;
            });
            delivered.accept(deadline.getPayload());
        });
    }

    private static <R> R payloadOrThrow(ResultMessage<R> result) {
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}

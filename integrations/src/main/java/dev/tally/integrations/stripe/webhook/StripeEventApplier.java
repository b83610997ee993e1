package dev.tally.integrations.stripe.webhook;

import dev.tally.api.stripe.RecordStripeEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Makes a Stripe event take effect once: its record and its commands are stored together or not at all. A repeat
 * finds the record and sends nothing; an effect that fails rolls the record back too, so Stripe's next delivery of
 * the event tries again.
 */
@Component
public class StripeEventApplier {

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final Clock clock;

    public StripeEventApplier(CommandGateway commands, TransactionManager transactions, Clock clock) {
        this.commands = commands;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Rethrows the first failing command's exception, after everything was rolled back. */
    public StripeEventOutcome apply(String eventId, String type, List<Object> effects) {
        try {
            return inOneUnitOfWork(() -> {
                boolean first = commands.sendAndWait(new RecordStripeEvent(eventId, type, clock.instant()));
                if (!first) {
                    return StripeEventOutcome.ALREADY_APPLIED;
                }
                effects.forEach(commands::sendAndWait);
                return StripeEventOutcome.APPLIED;
            });
        } catch (AggregateStreamCreationException concurrentDelivery) {
            // Another delivery of the event recorded it first and has committed: it took effect there.
            return StripeEventOutcome.ALREADY_APPLIED;
        }
    }

    /**
     * An Axon unit of work holding one transaction, rather than a Spring transaction around the commands: each
     * command then runs in a nested unit of work that commits or rolls back with this one, aggregate caches
     * included. Separate units of work joining one Spring transaction would each "commit" and cache their
     * aggregate's new state, and a later rollback of the database would leave those caches ahead of the store.
     */
    private <T> T inOneUnitOfWork(Callable<T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<T> result = unitOfWork.executeWithResult(work);
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

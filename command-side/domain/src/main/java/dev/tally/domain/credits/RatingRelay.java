package dev.tally.domain.credits;

import dev.tally.api.credits.ChargeUsage;
import dev.tally.api.metering.UsageMeasured;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Usage to charges: every measured window is charged to its account's ledger in the transaction that records the
 * scrape, so a scrape is committed with its usage and its charges, or not at all. Subscribing, like the other
 * relays; the ledger never refuses usage, so a scrape never fails for an account's balance.
 */
@Component
@ProcessingGroup(RatingRelay.PROCESSING_GROUP)
public class RatingRelay {

    public static final String PROCESSING_GROUP = "rating-relay";

    private final CommandGateway commandGateway;

    public RatingRelay(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(UsageMeasured event, EventMessage<?> message) {
        if (!event.quantities().isEmpty()) {
            commandGateway.sendAndWait(new ChargeUsage(event.accountId(), message.getIdentifier(),
                    event.environmentId(), event.from(), event.to(), event.quantities()));
        }
    }
}

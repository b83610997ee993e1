package dev.tally.domain.pricing;

import dev.tally.api.PriceBookId;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.PriceBookAssigned;
import dev.tally.api.pricing.ConfirmPriceBookCurrency;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.Currency;

/**
 * An account takes only a price book that exists and prices in its currency. Subscribing, like the other relays:
 * a missing book (NOT_FOUND) or another currency (CONFLICT) refuses the account's command, and its event is not
 * stored either.
 */
@Component
@ProcessingGroup(PriceBookRelay.PROCESSING_GROUP)
public class PriceBookRelay {

    public static final String PROCESSING_GROUP = "price-book-relay";

    private final CommandGateway commandGateway;

    public PriceBookRelay(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(AccountOpened event) {
        if (event.priceBookId() != null) {
            confirm(PriceBookId.of(event.priceBookId()), event.currency());
        }
    }

    @EventHandler
    void on(PriceBookAssigned event) {
        confirm(event.priceBookId(), event.currency());
    }

    private void confirm(PriceBookId priceBookId, Currency currency) {
        commandGateway.sendAndWait(new ConfirmPriceBookCurrency(priceBookId, currency));
    }
}

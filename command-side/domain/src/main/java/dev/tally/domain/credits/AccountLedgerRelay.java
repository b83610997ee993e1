package dev.tally.domain.credits;

import dev.tally.api.PriceBookId;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.BillingModeChanged;
import dev.tally.api.account.PriceBookAssigned;
import dev.tally.api.credits.AssignLedgerPriceBook;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.CloseCreditLedger;
import dev.tally.api.credits.OpenCreditLedger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps an account's ledger in step with the account: opened, billing mode, price book, closed. Its processing group is a subscribing one, so each command
 * runs in the transaction that stored the account's event: an account is never open without its ledger, and a
 * ledger never takes a grant after its account closed.
 */
@Component
@ProcessingGroup(AccountLedgerRelay.PROCESSING_GROUP)
public class AccountLedgerRelay {

    public static final String PROCESSING_GROUP = "account-ledger-relay";

    private final CommandGateway commandGateway;

    public AccountLedgerRelay(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(AccountOpened event) {
        commandGateway.sendAndWait(new OpenCreditLedger(event.accountId(), event.currency(), event.billingMode()));
        if (event.priceBookId() != null) {
            commandGateway.sendAndWait(new AssignLedgerPriceBook(event.accountId(),
                    PriceBookId.of(event.priceBookId())));
        }
    }

    @EventHandler
    void on(PriceBookAssigned event) {
        commandGateway.sendAndWait(new AssignLedgerPriceBook(event.accountId(), event.priceBookId()));
    }

    @EventHandler
    void on(BillingModeChanged event) {
        commandGateway.sendAndWait(new ChangeLedgerBillingMode(event.accountId(), event.billingMode()));
    }

    @EventHandler
    void on(AccountClosed event) {
        commandGateway.sendAndWait(new CloseCreditLedger(event.accountId(), event.closedAt()));
    }
}

package dev.tally.domain.credits;

import dev.tally.api.AccountId;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.BillingModeChanged;
import dev.tally.api.credits.ChangeLedgerBillingMode;
import dev.tally.api.credits.CloseCreditLedger;
import dev.tally.api.credits.OpenCreditLedger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Currency;

import static dev.tally.api.account.BillingMode.POSTPAID;
import static dev.tally.api.account.BillingMode.PREPAID;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

class AccountLedgerRelayTest {

    private static final AccountId ACME = AccountId.of("acme");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final AccountLedgerRelay relay = new AccountLedgerRelay(commandGateway);

    @Test
    void openedAccountOpensItsLedger() {
        relay.on(new AccountOpened(ACME, "billing@acme.test", "Acme", EUR, POSTPAID, null, null, AT));

        verify(commandGateway).sendAndWait(new OpenCreditLedger(ACME, EUR, POSTPAID));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void billingModeChangeFollowsIntoLedger() {
        relay.on(new BillingModeChanged(ACME, POSTPAID, PREPAID));

        verify(commandGateway).sendAndWait(new ChangeLedgerBillingMode(ACME, PREPAID));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void closedAccountClosesItsLedger() {
        relay.on(new AccountClosed(ACME, AT));

        verify(commandGateway).sendAndWait(new CloseCreditLedger(ACME, AT));
        verifyNoMoreInteractions(commandGateway);
    }
}

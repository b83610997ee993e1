package dev.tally.domain.pricing;

import dev.tally.api.AccountId;
import dev.tally.api.PriceBookId;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.BillingMode;
import dev.tally.api.account.PriceBookAssigned;
import dev.tally.api.pricing.ConfirmPriceBookCurrency;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Currency;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class PriceBookRelayTest {

    private static final AccountId ACME = AccountId.of("acme");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final PriceBookId STANDARD = PriceBookId.of("standard");

    private final CommandGateway commands = mock(CommandGateway.class);
    private final PriceBookRelay relay = new PriceBookRelay(commands);

    @Test
    void anAccountOpenedWithAPriceBookHasTheBookConfirmItsCurrency() {
        relay.on(new AccountOpened(ACME, "a@acme.test", "Acme", EUR, BillingMode.PREPAID, null, "standard",
                Instant.parse("2026-03-01T10:00:00Z")));

        verify(commands).sendAndWait(new ConfirmPriceBookCurrency(STANDARD, EUR));
    }

    @Test
    void anAccountOpenedWithoutAPriceBookAsksNothing() {
        relay.on(new AccountOpened(ACME, "a@acme.test", "Acme", EUR, BillingMode.PREPAID, null, null,
                Instant.parse("2026-03-01T10:00:00Z")));

        verifyNoInteractions(commands);
    }

    @Test
    void anAssignedPriceBookConfirmsTheAccountsCurrency() {
        relay.on(new PriceBookAssigned(ACME, STANDARD, null, EUR));

        verify(commands).sendAndWait(new ConfirmPriceBookCurrency(STANDARD, EUR));
    }
}

package dev.tally.domain.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.VoucherRedeemed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class VoucherRelayTest {

    @Test
    void aRedemptionGrantsTheVouchersAmountAsVoucherCredits() {
        CommandGateway commands = mock(CommandGateway.class);
        Instant at = Instant.parse("2026-03-10T12:00:00Z");

        new VoucherRelay(commands).on(new VoucherRedeemed("WELCOME25", AccountId.of("acme"),
                Money.of("25.00", "EUR"), at));

        verify(commands).sendAndWait(new GrantCredits(AccountId.of("acme"), "voucher-WELCOME25", GrantKind.VOUCHER,
                Money.of("25.00", "EUR"), at, null, "voucher WELCOME25"));
    }
}

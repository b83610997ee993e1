package dev.tally.domain.billing;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.billing.CreditNoteIssued;
import dev.tally.api.billing.DraftInvoice;
import dev.tally.api.billing.InvoicePaid;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.api.credits.RecordInvoicePayment;
import dev.tally.api.credits.ReverseCharge;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.tally.api.account.BillingMode.POSTPAID;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;

class BillingRelayTest {

    private static final AccountId ACME = AccountId.of("acme");
    private static final InvoiceId INVOICE = InvoiceId.of("inv-1");
    private static final Instant AT = Instant.parse("2026-02-01T00:01:00Z");
    private static final Money TOTAL = Money.of("46.70", "EUR");

    private final CommandGateway commandGateway = mock(CommandGateway.class);
    private final BillingRelay relay = new BillingRelay(commandGateway);

    @Test
    void aClosedPeriodOpensItsDraftInvoice() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Instant end = Instant.parse("2026-02-01T00:00:00Z");

        relay.on(new PeriodClosed(ACME, INVOICE, start, end, POSTPAID, List.of(), TOTAL, Money.zero(TOTAL.currency()),
                TOTAL, AT));

        verify(commandGateway).sendAndWait(new DraftInvoice(INVOICE, ACME, start, end, POSTPAID, List.of(), TOTAL,
                Money.zero(TOTAL.currency()), TOTAL, AT));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void aCreditNoteReversesItsAmountInTheLedger() {
        Money amount = Money.of("6.70", "EUR");

        relay.on(new CreditNoteIssued(INVOICE, ACME, "cn-1", POSTPAID, amount, "goodwill", AT));

        verify(commandGateway).sendAndWait(new ReverseCharge(ACME, "credit-note-cn-1", "inv-1", amount, "goodwill",
                AT));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void aPaidInvoiceIsReceivedInTheLedger() {
        relay.on(new InvoicePaid(INVOICE, ACME, TOTAL, AT, "in_1"));

        verify(commandGateway).sendAndWait(new RecordInvoicePayment(ACME, INVOICE, TOTAL, AT));
        verifyNoMoreInteractions(commandGateway);
    }

    @Test
    void anInvoiceWithNothingDueMovesNoMoney() {
        relay.on(new InvoicePaid(INVOICE, ACME, Money.zero(TOTAL.currency()), AT, "nothing due"));

        verifyNoInteractions(commandGateway);
    }
}

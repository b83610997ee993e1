package dev.tally.integrations.stripe;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceLine;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InvoiceItemsTest {

    static final InvoiceId INVOICE = InvoiceId.of("acme-2026-01");
    static final AccountId ACME = AccountId.of("acme");
    static final Money NO_CREDITS = Money.of("0", "EUR");

    @Test
    void eachLineIsAnItemOfItsRoundedAmountSayingWhatWasUsedAtWhichRate() {
        List<OutgoingInvoice.Item> items = InvoiceItems.of(
                Invoices.drafted(INVOICE, ACME, Invoices.seed004Lines("env-a"), NO_CREDITS));

        assertThat(items).containsExactly(
                new OutgoingInvoice.Item(Money.of("36.00", "EUR"), "cpu env-a 720 core-hour @ 0.05"),
                new OutgoingInvoice.Item(Money.of("7.20", "EUR"), "memory env-a 1440 gb-hour @ 0.005"),
                new OutgoingInvoice.Item(Money.of("3.00", "EUR"), "storage env-a 30 gb-day @ 0.1"),
                new OutgoingInvoice.Item(Money.of("0.50", "EUR"), "egress env-a 50 gb @ 0.01"));
        assertThat(sum(items)).isEqualTo(Money.of("46.70", "EUR"));
    }

    @Test
    void lateUsageIsMarkedAsAnAdjustment() {
        InvoiceLine late = new InvoiceLine(Meter.CPU, EnvironmentId.of("env-a"), new BigDecimal("1.500000"),
                PriceUnit.CORE_HOUR, new BigDecimal("0.050000000000"), new BigDecimal("0.075"),
                Money.of("0.08", "EUR"), true);

        assertThat(InvoiceItems.describe(late)).isEqualTo("adjustment: cpu env-a 1.5 core-hour @ 0.05");
    }

    @Test
    void creditsAppliedAreOneNegativeItemSoStripeBillsWhatIsDue() {
        InvoiceDrafted invoice = Invoices.drafted(INVOICE, ACME, Invoices.seed004Lines("env-a"),
                Money.of("10.00", "EUR"));

        List<OutgoingInvoice.Item> items = InvoiceItems.of(invoice);

        assertThat(items.getLast()).isEqualTo(new OutgoingInvoice.Item(Money.of("-10.00", "EUR"),
                "prepaid credits applied"));
        assertThat(sum(items)).isEqualTo(invoice.total()).isEqualTo(Money.of("36.70", "EUR"));
    }

    @Test
    void aLongerInvoiceThanStripeTakesIsSentAsOneItemPerMeterOfTheSameTotal() {
        List<InvoiceLine> lines = new ArrayList<>();
        for (int env = 0; env < 70; env++) {
            lines.addAll(Invoices.seed004Lines("env-" + env));
        }
        InvoiceDrafted invoice = Invoices.drafted(INVOICE, ACME, lines, NO_CREDITS);

        List<OutgoingInvoice.Item> items = InvoiceItems.of(invoice);

        assertThat(items).containsExactly(
                new OutgoingInvoice.Item(Money.of("2520.00", "EUR"), "cpu: 70 lines, itemized on the Tally invoice"),
                new OutgoingInvoice.Item(Money.of("504.00", "EUR"),
                        "memory: 70 lines, itemized on the Tally invoice"),
                new OutgoingInvoice.Item(Money.of("210.00", "EUR"),
                        "storage: 70 lines, itemized on the Tally invoice"),
                new OutgoingInvoice.Item(Money.of("35.00", "EUR"),
                        "egress: 70 lines, itemized on the Tally invoice"));
        assertThat(sum(items)).isEqualTo(invoice.total());
    }

    @Test
    void aFullInvoiceStillFitsItemByItem() {
        List<InvoiceLine> lines = new ArrayList<>();
        for (int env = 0; env < 62; env++) {
            lines.addAll(Invoices.seed004Lines("env-" + env));
        }
        lines.addAll(Invoices.seed004Lines("env-last").subList(0, 2));

        assertThat(InvoiceItems.of(Invoices.drafted(INVOICE, ACME, lines, NO_CREDITS)))
                .hasSize(InvoiceItems.STRIPE_MAX_ITEMS);
    }

    private static Money sum(List<OutgoingInvoice.Item> items) {
        return items.stream().map(OutgoingInvoice.Item::amount).reduce(Money::plus).orElseThrow();
    }
}

package dev.tally.integrations.stripe;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.account.AccountStatus;
import dev.tally.api.account.LinkStripeCustomer;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.api.billing.InvoiceSentToStripe;
import dev.tally.api.billing.InvoiceVoided;
import dev.tally.api.billing.RecordStripeInvoice;
import dev.tally.integrations.stripe.StripeInvoiceJob.Next;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import static dev.tally.integrations.stripe.StripeGatewayTest.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class StripeInvoiceJobTest {

    static final FakeStripe stripe = FakeStripe.start();
    static final AccountId ACME = AccountId.of("acme");
    static final InvoiceId INVOICE = InvoiceId.of("acme-2026-01");
    static final Instant NOW = Instant.parse("2026-02-01T00:05:03Z");

    final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    final PayingAccounts accounts = mock(PayingAccounts.class);
    final CommandGateway commands = mock(CommandGateway.class);
    final StripeGateway gateway = StripeGatewayTest.gateway(stripe);
    final StripeInvoiceJob job = new StripeInvoiceJob(new StripeInvoicePusher(new InvoiceEvents(eventStore),
            accounts, new StripeCustomers(gateway, commands), gateway, commands, Clock.fixed(NOW, ZoneOffset.UTC)));
    long sequence;

    @BeforeEach
    void aFinalizedPostpaidInvoiceOfAStripeCustomer() {
        stripe.reset();
        customer(FakeStripe.CUSTOMER);
        InvoiceDrafted drafted = Invoices.drafted(INVOICE, ACME, Invoices.seed004Lines("env-a"),
                Money.zero(Currency.getInstance("EUR")));
        record(drafted);
        record(Invoices.finalized(drafted, Invoices.FINALIZED_AT));
    }

    @AfterEach
    void stopEventStore() {
        eventStore.shutDown();
    }

    @AfterAll
    static void stopStripe() {
        stripe.close();
    }

    @Test
    void sendsTheInvoicesLinesToStripeAndRecordsTheStripeInvoice() {
        assertThat(job.run(INVOICE, PushAttempts.none())).isEqualTo(new Next.Done());

        assertThat(stripe.requests(FakeStripe.INVOICE_ITEMS)).extracting(item -> form(item).get("amount"))
                .containsExactly("3600", "720", "300", "50");
        assertThat(stripe.requests(FakeStripe.INVOICE_ITEMS)).extracting(item -> form(item).get("description"))
                .containsExactly("cpu env-a 720 core-hour @ 0.05", "memory env-a 1440 gb-hour @ 0.005",
                        "storage env-a 30 gb-day @ 0.1", "egress env-a 50 gb @ 0.01");
        assertThat(form(stripe.requests(FakeStripe.INVOICES).getFirst()))
                .containsEntry("metadata[tallyInvoiceNumber]", Invoices.NUMBER);
        assertThat(stripe.requests(FakeStripe.FINALIZE)).hasSize(1);
        verify(commands).sendAndWait(new RecordStripeInvoice(INVOICE, FakeStripe.INVOICE, NOW));
    }

    @Test
    void anAccountWithoutAStripeCustomerGetsOneFirst() {
        customer(null);

        assertThat(job.run(INVOICE, PushAttempts.none())).isEqualTo(new Next.Done());

        assertThat(stripe.requests(FakeStripe.CUSTOMERS)).singleElement()
                .satisfies(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo("tally-customer-acme"));
        assertThat(stripe.requests(FakeStripe.INVOICES)).singleElement()
                .satisfies(request -> assertThat(form(request)).containsEntry("customer", FakeStripe.CUSTOMER));
        InOrder order = inOrder(commands);
        order.verify(commands).sendAndWait(new LinkStripeCustomer(ACME, FakeStripe.CUSTOMER));
        order.verify(commands).sendAndWait(new RecordStripeInvoice(INVOICE, FakeStripe.INVOICE, NOW));
    }

    @Test
    void aStripeErrorLeavesTheInvoicePendingAndTheRetryMakesOneStripeInvoice() {
        stripe.failingOnce(FakeStripe.INVOICE_ITEMS, 500);

        Next first = job.run(INVOICE, PushAttempts.none());

        assertThat(first).isEqualTo(new Next.RetryAfter(Duration.ofSeconds(30), new PushAttempts(1)));
        verify(commands, never()).sendAndWait(any());
        assertThat(stripe.requests(FakeStripe.FINALIZE)).isEmpty();

        assertThat(job.run(INVOICE, new PushAttempts(1))).isEqualTo(new Next.Done());

        assertThat(keys(FakeStripe.INVOICES)).as("both tries ask for the same invoice")
                .containsExactly("tally-invoice-acme-2026-01", "tally-invoice-acme-2026-01");
        assertThat(keys(FakeStripe.INVOICE_ITEMS)).containsExactly(
                "tally-invoice-acme-2026-01-item-1",
                "tally-invoice-acme-2026-01-item-1", "tally-invoice-acme-2026-01-item-2",
                "tally-invoice-acme-2026-01-item-3", "tally-invoice-acme-2026-01-item-4");
        assertThat(keys(FakeStripe.FINALIZE)).containsExactly("tally-invoice-acme-2026-01-finalize");
        verify(commands).sendAndWait(new RecordStripeInvoice(INVOICE, FakeStripe.INVOICE, NOW));
    }

    @Test
    void aTimeoutIsRetriedWithTheSameIdempotencyKeysSoStripeAnswersWithTheSameInvoice() {
        stripe.slowOnce(FakeStripe.FINALIZE, (int) StripeGatewayTest.READ_TIMEOUT.toMillis() + 1_000);

        assertThat(job.run(INVOICE, PushAttempts.none())).isInstanceOf(Next.RetryAfter.class);
        verify(commands, never()).sendAndWait(any());

        assertThat(job.run(INVOICE, new PushAttempts(1))).isEqualTo(new Next.Done());

        assertThat(keys(FakeStripe.INVOICES)).containsExactly("tally-invoice-acme-2026-01",
                "tally-invoice-acme-2026-01");
        assertThat(keys(FakeStripe.FINALIZE)).containsExactly("tally-invoice-acme-2026-01-finalize",
                "tally-invoice-acme-2026-01-finalize");
        verify(commands).sendAndWait(new RecordStripeInvoice(INVOICE, FakeStripe.INVOICE, NOW));
    }

    @Test
    void failuresInARowWaitLongerEachTime() {
        stripe.failing(FakeStripe.INVOICES, 503);

        assertThat(job.run(INVOICE, new PushAttempts(1)))
                .isEqualTo(new Next.RetryAfter(Duration.ofMinutes(1), new PushAttempts(2)));
        assertThat(job.run(INVOICE, new PushAttempts(12)))
                .isEqualTo(new Next.RetryAfter(Duration.ofHours(1), new PushAttempts(13)));
    }

    @Test
    void anAccountTheReadModelDoesNotHaveYetIsTriedAgain() {
        when(accounts.find(ACME)).thenReturn(Optional.empty());

        assertThat(job.run(INVOICE, PushAttempts.none())).isInstanceOf(Next.RetryAfter.class);
        assertThat(stripe.requests(FakeStripe.INVOICES)).isEmpty();
    }

    @Test
    void anInvoiceAlreadyInStripeIsNotSentAgain() {
        record(new InvoiceSentToStripe(INVOICE, ACME, FakeStripe.INVOICE, NOW));

        assertThat(job.run(INVOICE, PushAttempts.none())).isEqualTo(new Next.Done());

        assertThat(stripe.requests(FakeStripe.INVOICES)).isEmpty();
        verifyNoInteractions(commands);
    }

    @Test
    void aVoidedInvoiceIsNotSent() {
        record(new InvoiceVoided(INVOICE, ACME, "billed twice", NOW));

        assertThat(job.run(INVOICE, PushAttempts.none())).isEqualTo(new Next.Done());

        assertThat(stripe.requests(FakeStripe.INVOICES)).isEmpty();
        verifyNoInteractions(commands);
    }

    private void customer(String stripeCustomerId) {
        when(accounts.find(ACME)).thenReturn(Optional.of(new PayingAccount(ACME, "ops@acme.example", "Acme",
                Currency.getInstance("EUR"), AccountStatus.ACTIVE, stripeCustomerId)));
    }

    private void record(Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Invoice", INVOICE.aggregateId(), sequence++, event));
    }

    private static List<String> keys(String path) {
        return stripe.requests(path).stream().map(request -> request.getHeader("Idempotency-Key")).toList();
    }
}

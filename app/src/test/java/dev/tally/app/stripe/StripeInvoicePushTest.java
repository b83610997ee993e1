package dev.tally.app.stripe;

import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.billing.InvoiceDrafted;
import dev.tally.app.support.Api;
import dev.tally.app.support.EventStoreRows;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.integrations.stripe.FakeStripe;
import dev.tally.integrations.stripe.Invoices;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A finalized postpaid invoice travels to Stripe through the engine's own processor ("stripe-invoices") and durable
 * task, and a Stripe that fails is retried when the test clock passes the backoff.
 * The invoice's events are appended as the Invoice aggregate records them, so this test is about the push alone.
 */
class StripeInvoicePushTest {

    @TempDir
    Path dataDir;

    @Test
    void aFinalizedPostpaidInvoiceIsSentToStripeOnceThroughAStripeOutage() {
        try (FakeStripe stripe = FakeStripe.start();
             RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of(
                     "tally.test-clock.enabled", "true",
                     "tally.test-clock.start", "2026-02-01T00:05:00Z",
                     "tally.stripe.api-key", FakeStripe.API_KEY,
                     "tally.stripe.api-base", stripe.baseUrl()))) {
            Api api = tally.api();
            assertThat(api.post("/api/v1/accounts", """
                    {"id":"late-payer","email":"ap@late.example","name":"Late Payer","currency":"EUR",
                     "billingMode":"POSTPAID"}""").status()).isEqualTo(201);
            eventually().until(() -> api.get("/api/v1/accounts/late-payer").status() == 200);
            stripe.failingOnce(FakeStripe.INVOICES, 500);
            InvoiceId invoice = InvoiceId.of("late-payer-2026-01");
            Instant now = Instant.parse(api.get("/api/v1/admin/test-clock").body().path("now").asString());

            finalizeInvoice(tally, invoice, AccountId.of("late-payer"), now);

            eventually().until(() -> stripe.requests(FakeStripe.INVOICES).size() == 1);
            eventually().until(() -> pendingPushes(tally, invoice) == 1 && !dueBy(tally, now));
            EventStoreRows events = new EventStoreRows(tally.bean(DataSource.class));
            assertThat(events.of(invoice.aggregateId(), "InvoiceSentToStripe")).as("pending while Stripe fails")
                    .isZero();
            assertThat(stripe.requests(FakeStripe.FINALIZE)).isEmpty();

            Api.Response advanced = api.post("/api/v1/admin/test-clock", "{\"advanceBy\":\"PT1M\"}");

            assertThat(advanced.status()).isEqualTo(200);
            eventually().until(() -> events.of(invoice.aggregateId(), "InvoiceSentToStripe") == 1);
            assertThat(stripe.requests(FakeStripe.INVOICES)).extracting(r -> r.getHeader("Idempotency-Key"))
                    .containsExactly("tally-invoice-late-payer-2026-01", "tally-invoice-late-payer-2026-01");
            assertThat(stripe.requests(FakeStripe.INVOICE_ITEMS)).hasSize(4);
            assertThat(stripe.requests(FakeStripe.FINALIZE)).hasSize(1);
            // A retry may ask for the customer again before the accounts read model has it: the same key, so
            // Stripe answers with the same customer.
            assertThat(stripe.requests(FakeStripe.CUSTOMERS)).extracting(r -> r.getHeader("Idempotency-Key"))
                    .isNotEmpty().containsOnly("tally-customer-late-payer");
            assertThat(events.of("late-payer", "StripeCustomerLinked"))
                    .isOne();
            eventually().until(() -> pendingPushes(tally, invoice) == 0);
        }
    }

    /** The Invoice aggregate's events for a closed period of seed 004's usage, finalized at {@code at}. */
    private static void finalizeInvoice(RunningTally tally, InvoiceId invoice, AccountId account, Instant at) {
        InvoiceDrafted drafted = Invoices.drafted(invoice, account, Invoices.seed004Lines("env-a"),
                Money.zero(Currency.getInstance("EUR")));
        EventStorageEngine storage = tally.bean(EventStorageEngine.class);
        storage.appendEvents(
                new GenericDomainEventMessage<>("Invoice", invoice.aggregateId(), 0, drafted),
                new GenericDomainEventMessage<>("Invoice", invoice.aggregateId(), 1, Invoices.finalized(drafted, at)));
    }

    private static long pendingPushes(RunningTally tally, InvoiceId invoice) {
        return JdbcClient.create(tally.bean(DataSource.class))
                .sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'stripe-invoice' AND task_instance = ?")
                .param(invoice.value()).query(Long.class).single();
    }

    /** Whether the push is (still) due by {@code instant}: false once a failed try has moved it later. */
    private static boolean dueBy(RunningTally tally, Instant instant) {
        return JdbcClient.create(tally.bean(DataSource.class))
                .sql("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'stripe-invoice' AND execution_time <= ?")
                .param(Timestamp.from(instant)).query(Long.class).single() > 0;
    }

    private static org.awaitility.core.ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50));
    }
}

package dev.tally.app.stripe;

import dev.tally.api.Money;
import dev.tally.api.credits.CreditsHeld;
import dev.tally.api.credits.PurchaseReversed;
import dev.tally.api.stripe.RecordStripeEvent;
import dev.tally.app.support.Api;
import dev.tally.app.support.EventStoreRows;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.integrations.stripe.webhook.StripeSigner;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.tally.integrations.stripe.webhook.StripePayloads.charge;
import static dev.tally.integrations.stripe.webhook.StripePayloads.checkoutSession;
import static dev.tally.integrations.stripe.webhook.StripePayloads.customer;
import static dev.tally.integrations.stripe.webhook.StripePayloads.dispute;
import static dev.tally.integrations.stripe.webhook.StripePayloads.event;
import static dev.tally.integrations.stripe.webhook.StripePayloads.invoice;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's webhook over HTTP, with payloads shaped and signed as Stripe sends them: each event takes effect once, in
 * one transaction with its record, and anything Stripe did not sign, or that failed, stores nothing. One engine with
 * a signing secret serves the class; it is started here rather than as a second cached test context, which Spring
 * would pause between test classes and Axon's processors cannot be restarted from.
 */
class StripeWebhookApiTest {

    private static final String SECRET = "whsec_8d2f6b1c4a9e47d3b5f0e2a6c8d1b3f5";
    private static final String WEBHOOK = "/api/v1/webhooks/stripe";

    @TempDir
    static Path dataDir;
    private static RunningTally tally;

    private EventStoreRows rows;
    private Api api;
    private String account;
    private String paymentIntent;

    @BeforeAll
    static void startWithASigningSecret() {
        tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of("tally.stripe.webhook-secret", SECRET));
    }

    @AfterAll
    static void stop() {
        tally.close();
    }

    @BeforeEach
    void prepaidAccount() {
        rows = new EventStoreRows(tally.bean(DataSource.class));
        api = tally.api();
        account = "acc-" + UUID.randomUUID().toString().substring(0, 8);
        paymentIntent = stripeId("pi_3S");
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"ops@example.com","name":"Buyer","currency":"EUR","billingMode":"PREPAID"}"""
                .formatted(account)).status()).isEqualTo(201);
    }

    /** Read models are updated asynchronously: wait for a condition, never for a fixed time. */
    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50));
    }

    private static String stripeId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** Delivered as Stripe delivers: signed now, without an API key. */
    private Api.Response deliver(String payload) {
        return deliver(payload, StripeSigner.header(SECRET, payload, Instant.now()));
    }

    private Api.Response deliver(String payload, String signature) {
        return api.withKey(null).post(WEBHOOK, payload,
                signature == null ? Map.of() : Map.of("Stripe-Signature", signature));
    }

    private static void assertAcknowledged(Api.Response response, String outcome) {
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        assertThat(response.body().path("outcome").asString()).isEqualTo(outcome);
    }

    /** A new event: a paid Checkout session of 100.00 EUR for the account. */
    private String checkoutOfOneHundred() {
        return event(stripeId("evt_1S"), "checkout.session.completed",
                checkoutSession(stripeId("cs_test_"), paymentIntent, account, 10000, "eur", "paid"));
    }

    private String balance() {
        return api.get("/api/v1/accounts/" + account + "/balance").body().path("balance").path("amount").asString();
    }

    private String grantId() {
        return "stripe-" + paymentIntent;
    }

    private String ledgerId() {
        return account + "/credits";
    }

    /** Buys 100.00 and waits for the ledger read model, where refunds and disputes find the purchase's account. */
    private void purchased() {
        assertAcknowledged(deliver(checkoutOfOneHundred()), "APPLIED");
        eventually().until(() -> api.get("/api/v1/accounts/" + account + "/ledger").body().path("items")
                .valueStream().anyMatch(item -> grantId().equals(item.path("grantId").asString())));
    }

    private <T> List<T> ledgerEvents(Class<T> type) {
        return tally.bean(EventStore.class).readEvents(ledgerId()).asStream().map(EventMessage::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aPaidCheckoutRaisesTheBalanceByItsAmountOnce() {
        String completed = checkoutOfOneHundred();

        assertAcknowledged(deliver(completed), "APPLIED");
        eventually().until(() -> "100.00".equals(balance()));
        long stored = rows.all();

        // Stripe signs every delivery anew.
        assertAcknowledged(deliver(completed, StripeSigner.header(SECRET, completed, Instant.now().plusSeconds(1))),
                "ALREADY_APPLIED");
        assertThat(rows.all()).isEqualTo(stored);
        assertThat(rows.of(ledgerId(), "CreditsGranted")).isOne();
        assertThat(balance()).isEqualTo("100.00");
    }

    @Test
    void concurrentDeliveriesOfOneEventTakeEffectOnce() throws Exception {
        String completed = checkoutOfOneHundred();
        List<Callable<String>> deliveries = Collections.nCopies(4, () -> {
            Api.Response response = deliver(completed);
            assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
            return response.body().path("outcome").asString();
        });

        List<String> outcomes = new ArrayList<>();
        try (ExecutorService stripe = Executors.newFixedThreadPool(deliveries.size())) {
            for (Future<String> outcome : stripe.invokeAll(deliveries)) {
                outcomes.add(outcome.get());
            }
        }

        assertThat(outcomes).containsOnlyOnce("APPLIED").containsOnly("APPLIED", "ALREADY_APPLIED");
        assertThat(rows.of(ledgerId(), "CreditsGranted")).isOne();
    }

    static Stream<Arguments> deliveriesStripeDidNotSign() {
        return Stream.of(
                Arguments.of("another endpoint's secret",
                        (UnaryOperator<String>) payload -> StripeSigner.header("whsec_other", payload, Instant.now())),
                Arguments.of("a payload changed after signing", (UnaryOperator<String>) payload ->
                        StripeSigner.header(SECRET, payload.replace("10000", "99999"), Instant.now())),
                Arguments.of("a signature older than five minutes", (UnaryOperator<String>) payload ->
                        StripeSigner.header(SECRET, payload, Instant.now().minusSeconds(600))),
                Arguments.of("no signature", (UnaryOperator<String>) payload -> null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveriesStripeDidNotSign")
    void aDeliveryStripeDidNotSignIsRefusedAndStoresNothing(String why, UnaryOperator<String> signature) {
        String completed = checkoutOfOneHundred();
        long stored = rows.all();

        Api.Response refused = deliver(completed, signature.apply(completed));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(refused.body().path("detail").asString()).contains("Stripe-Signature").doesNotContain(SECRET);
        assertThat(rows.all()).isEqualTo(stored);
    }

    static Stream<Arguments> eventsThatAreNotTallys() {
        return Stream.of(
                Arguments.of("an event type Tally does not handle",
                        (UnaryOperator<String>) account -> event(stripeId("evt_1S"), "customer.created",
                                customer("cus_TQ8kD2mXbq4ZpA"))),
                Arguments.of("a Checkout session of another product",
                        (UnaryOperator<String>) account -> event(stripeId("evt_1S"), "checkout.session.completed",
                                checkoutSession(stripeId("cs_test_"), stripeId("pi_3S"), null, 10000, "eur",
                                        "paid"))),
                Arguments.of("a Checkout session not paid yet",
                        (UnaryOperator<String>) account -> event(stripeId("evt_1S"), "checkout.session.completed",
                                checkoutSession(stripeId("cs_test_"), null, account, 10000, "eur", "unpaid"))),
                Arguments.of("an invoice Tally did not send",
                        (UnaryOperator<String>) account -> event(stripeId("evt_1S"), "invoice.payment_succeeded",
                                invoice(stripeId("in_1S"), null, true, 1, null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsThatAreNotTallys")
    void anEventThatIsNotTallysIsAcknowledgedAndStoresNothing(String what, UnaryOperator<String> payloadFor) {
        long stored = rows.all();

        Api.Response acknowledged = deliver(payloadFor.apply(account));

        assertAcknowledged(acknowledged, "IGNORED");
        assertThat(acknowledged.body().path("reason").asString()).isNotBlank();
        assertThat(rows.all()).isEqualTo(stored);
    }

    @Test
    void refundedTotalsArrivingOutOfOrderAreReversedOnce() {
        purchased();
        String charge = stripeId("ch_3S");
        String refundedThirty = event(stripeId("evt_3S"), "charge.refunded",
                charge(charge, paymentIntent, 10000, 3000, "eur", null), "{\"amount_refunded\": 1000}");
        String refundedTen = event(stripeId("evt_3S"), "charge.refunded",
                charge(charge, paymentIntent, 10000, 1000, "eur", null), "{\"amount_refunded\": 0}");

        assertAcknowledged(deliver(refundedThirty), "APPLIED");
        assertAcknowledged(deliver(refundedTen), "APPLIED");

        assertThat(ledgerEvents(PurchaseReversed.class)).singleElement().satisfies(reversed -> {
            assertThat(reversed.grantId()).isEqualTo(grantId());
            assertThat(reversed.amount()).isEqualTo(Money.of("30", "EUR"));
            assertThat(reversed.refundedInTotal()).isEqualTo(Money.of("30", "EUR"));
        });
    }

    @Test
    void aRefundOfMoreThanIsLeftOfThePurchaseOverdrawsTheBalance() {
        String book = "book-" + paymentIntent;
        assertThat(api.post("/api/v1/price-books", """
                {"id":"%s","name":"Ten a core-hour","currency":"EUR"}""".formatted(book)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/price-books/" + book + "/versions", """
                {"effectiveFrom":"2026-01-01T00:00:00Z","rates":[{"meter":"cpu","unit":"core-hour","price":"10"}]}
                """).status()).isEqualTo(201);
        MeteredAccount metered = MeteredAccount.open(api, "PREPAID", book, 1800);
        account = metered.id();
        assertAcknowledged(deliver(checkoutOfOneHundred()), "APPLIED");
        Instant started = Instant.parse("2026-01-05T09:59:00Z");
        metered.scrape("s-0", Instant.parse("2026-01-05T10:00:00Z"), Pod.counters("p-1", started, 0, 0));
        // Eight core-hours at 10.00 use 80.00 of the 100.00 bought.
        metered.scrape("s-1", Instant.parse("2026-01-05T10:30:00Z"),
                Pod.counters("p-1", started, 8 * 3600 * Pod.CORE_SECOND, 0));
        eventually().until(() -> "20.00".equals(balance()));

        assertAcknowledged(deliver(event(stripeId("evt_3S"), "charge.refunded",
                charge(stripeId("ch_3S"), paymentIntent, 10000, 10000, "eur", account))), "APPLIED");

        assertThat(ledgerEvents(PurchaseReversed.class)).singleElement().satisfies(reversed -> {
            assertThat(reversed.amount()).isEqualTo(Money.of("100", "EUR"));
            assertThat(reversed.fromGrant()).isEqualTo(Money.of("20", "EUR"));
        });
    }

    @Test
    void aDisputeHoldsTheDisputedCreditsOnce() {
        purchased();
        String disputeId = stripeId("dp_1S");
        String created = event(stripeId("evt_1S"), "charge.dispute.created",
                dispute(disputeId, stripeId("ch_3S"), paymentIntent, 2500, "eur"));

        assertAcknowledged(deliver(created), "APPLIED");
        assertAcknowledged(deliver(created), "ALREADY_APPLIED");

        assertThat(ledgerEvents(CreditsHeld.class)).singleElement().satisfies(held -> {
            assertThat(held.holdId()).isEqualTo("stripe-" + disputeId);
            assertThat(held.grantId()).isEqualTo(grantId());
            assertThat(held.amount()).isEqualTo(Money.of("25", "EUR"));
        });
    }

    /**
     * The event's record and its effect share one transaction: the refund fails (its purchase is not recorded yet),
     * so the event is not recorded either, and Stripe's next delivery of it takes effect.
     */
    @Test
    void anEventWhoseEffectFailsIsNotRecordedSoStripesRetryTakesEffect() {
        String eventId = stripeId("evt_3S");
        String refunded = event(eventId, "charge.refunded",
                charge(stripeId("ch_3S"), paymentIntent, 10000, 1000, "eur", account));
        long stored = rows.all();

        Api.Response failed = deliver(refunded);

        assertThat(failed.status()).isEqualTo(404);
        assertThat(failed.body().path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(rows.of(RecordStripeEvent.stripeEventAggregateId(eventId), "StripeEventReceived")).isZero();
        assertThat(rows.all()).isEqualTo(stored);

        assertAcknowledged(deliver(checkoutOfOneHundred()), "APPLIED");
        assertAcknowledged(deliver(refunded), "APPLIED");
        assertThat(ledgerEvents(PurchaseReversed.class)).singleElement()
                .satisfies(reversed -> assertThat(reversed.amount()).isEqualTo(Money.of("10", "EUR")));
    }
}

package dev.tally.app.stripe;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tally.app.support.Api;
import dev.tally.app.support.EventStoreRows;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.integrations.stripe.FakeStripe;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/** POST /accounts/{id}/credit-purchases on an engine whose Stripe is WireMock answering as Stripe does. */
class CreditPurchaseApiTest {

    @TempDir
    static Path dataDir;

    static FakeStripe stripe;
    static RunningTally tally;
    static Api api;
    static EventStoreRows events;

    @BeforeAll
    static void start() {
        stripe = FakeStripe.start();
        tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of(
                "tally.stripe.api-key", FakeStripe.API_KEY,
                "tally.stripe.api-base", stripe.baseUrl(),
                "tally.stripe.success-url", "https://platform.example/credits/paid",
                "tally.stripe.cancel-url", "https://platform.example/credits"));
        api = tally.api();
        events = new EventStoreRows(tally.bean(DataSource.class));
    }

    @AfterAll
    static void stop() {
        tally.close();
        stripe.close();
    }

    @BeforeEach
    void answerNormally() {
        stripe.reset();
    }

    @Test
    void aPurchaseOpensACheckoutForTheAccountsStripeCustomerMadeOnce() {
        String id = openAccount("EUR");

        Api.Response first = purchase(id, money("100.00", "EUR"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("sessionId").asString()).isEqualTo(FakeStripe.SESSION);
        assertThat(first.body().path("checkoutUrl").asString())
                .startsWith("https://checkout.stripe.com/c/pay/" + FakeStripe.SESSION);
        LoggedRequest customer = stripe.requests(FakeStripe.CUSTOMERS).getFirst();
        assertThat(customer.getHeader("Idempotency-Key")).isEqualTo("tally-customer-" + id);
        assertThat(formOf(customer)).contains("email=ops@" + id + ".example", "name=Buyer",
                "metadata[tallyAccountId]=" + id);
        LoggedRequest session = stripe.requests(FakeStripe.SESSIONS).getFirst();
        assertThat(formOf(session)).contains(
                "mode=payment", "customer=" + FakeStripe.CUSTOMER, "client_reference_id=" + id,
                "line_items[0][price_data][currency]=eur", "line_items[0][price_data][unit_amount]=10000",
                "line_items[0][price_data][product_data][name]=Tally credits",
                "metadata[tallyAccountId]=" + id, "metadata[tallyAmount]=100.00", "metadata[tallyCurrency]=EUR",
                "payment_intent_data[metadata][tallyAccountId]=" + id,
                "success_url=https://platform.example/credits/paid", "cancel_url=https://platform.example/credits");
        assertThat(events.of(id, "StripeCustomerLinked")).isOne();

        eventually().until(() -> FakeStripe.CUSTOMER.equals(stripeCustomerInReadModel(id)));
        Api.Response second = purchase(id, money("25.50", "EUR"));

        assertThat(second.status()).isEqualTo(201);
        assertThat(stripe.requests(FakeStripe.CUSTOMERS)).as("the customer is made once").hasSize(1);
        assertThat(stripe.requests(FakeStripe.SESSIONS)).hasSize(2);
        assertThat(formOf(stripe.requests(FakeStripe.SESSIONS).getLast()))
                .contains("customer=" + FakeStripe.CUSTOMER, "line_items[0][price_data][unit_amount]=2550");
        assertThat(events.of(id, "StripeCustomerLinked")).isOne();
    }

    @Test
    void aPurchaseTheAccountCannotMakeNeverReachesStripe() {
        String id = openAccount("EUR");

        Api.Response otherCurrency = purchase(id, money("100.00", "USD"));
        Api.Response nothing = purchase(id, money("0.00", "EUR"));
        Api.Response nobody = purchase("no-such-account", money("100.00", "EUR"));

        assertProblem(otherCurrency, 400, "VALIDATION_ERROR");
        assertThat(otherCurrency.fieldsAtFault()).containsExactly("amount.currency");
        assertProblem(nothing, 400, "VALIDATION_ERROR");
        assertThat(nothing.fieldsAtFault()).containsExactly("amount.amount");
        assertProblem(nobody, 404, "NOT_FOUND");
        assertThat(stripe.requests(FakeStripe.CUSTOMERS)).isEmpty();
        assertThat(stripe.requests(FakeStripe.SESSIONS)).isEmpty();
    }

    @Test
    void aFailingStripeIsABadGatewayProblemWithoutAStackTraceAndStoresNothing() {
        String id = openAccount("EUR");
        stripe.failing(FakeStripe.CUSTOMERS, 500);
        long stored = events.all();

        Api.Response response = purchase(id, money("100.00", "EUR"));

        assertProblem(response, 502, "PAYMENT_PROVIDER_ERROR");
        assertThat(response.body().path("detail").asString())
                .startsWith("Could not create the Stripe customer of account " + id + ": Stripe answered HTTP 500");
        assertThat(response.raw().body()).doesNotContain("Exception", "\tat ", FakeStripe.API_KEY);
        assertThat(events.all()).isEqualTo(stored);
        assertThat(stripe.requests(FakeStripe.SESSIONS)).isEmpty();
    }

    private static String openAccount(String currency) {
        String id = "buyer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"ops@%s.example","name":"Buyer","currency":"%s","billingMode":"PREPAID"}
                """.formatted(id, id, currency)).status()).isEqualTo(201);
        // The purchase reads the account's currency and contact from the accounts read model.
        eventually().until(() -> api.get("/api/v1/accounts/" + id).status() == 200);
        return id;
    }

    private static Api.Response purchase(String accountId, String amount) {
        return api.post("/api/v1/accounts/" + accountId + "/credit-purchases", "{\"amount\":" + amount + "}");
    }

    private static String stripeCustomerInReadModel(String accountId) {
        return JdbcClient.create(tally.bean(DataSource.class))
                .sql("SELECT stripe_customer_id FROM account WHERE id = ?").param(accountId)
                .query(String.class).optional().orElse(null);
    }

    /** The form's parameters decoded, as "key=value". */
    private static List<String> formOf(LoggedRequest request) {
        return request.formParameters().values().stream()
                .map(parameter -> parameter.key() + "=" + parameter.firstValue()).toList();
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asString()).isEqualTo(code);
    }

    private static org.awaitility.core.ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50));
    }
}

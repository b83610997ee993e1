package dev.tally.integrations.stripe;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeGatewayTest {

    static final FakeStripe stripe = FakeStripe.start();
    static final AccountId ACME = AccountId.of("acme");
    static final InvoiceId INVOICE = InvoiceId.of("acme-2026-01");

    /** Short enough that a test of a timeout is quick, long enough for WireMock's first answer. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    final StripeGateway gateway = gateway(stripe);

    static StripeGateway gateway(FakeStripe stripe) {
        return new StripeGateway(
                new StripeProperties(FakeStripe.API_KEY, null, stripe.baseUrl(), "https://tally.example/paid",
                        "https://tally.example/cancelled"),
                new StripeHttpProperties(Duration.ofSeconds(2), READ_TIMEOUT));
    }

    @BeforeEach
    void answerNormally() {
        stripe.reset();
    }

    @AfterAll
    static void stop() {
        stripe.close();
    }

    @Test
    void createsTheAccountsCustomerWithAKeyMadeFromTheAccount() {
        String customer = gateway.createCustomer(ACME, "ops@acme.example", "Acme");

        assertThat(customer).isEqualTo(FakeStripe.CUSTOMER);
        LoggedRequest request = single(FakeStripe.CUSTOMERS);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeStripe.API_KEY);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("tally-customer-acme");
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email", "ops@acme.example",
                "name", "Acme",
                "metadata[tallyAccountId]", "acme"));
    }

    @Test
    void startsACheckoutForTheAmountInMinorUnitsWithWhatTheWebhookGrantsFrom() {
        CheckoutSession session = gateway.createCheckoutSession(ACME, FakeStripe.CUSTOMER, Money.of("100.00", "EUR"));

        assertThat(session.sessionId()).isEqualTo(FakeStripe.SESSION);
        assertThat(session.checkoutUrl()).startsWith("https://checkout.stripe.com/c/pay/" + FakeStripe.SESSION);
        assertThat(form(single(FakeStripe.SESSIONS))).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("mode", "payment"),
                Map.entry("customer", FakeStripe.CUSTOMER),
                Map.entry("client_reference_id", "acme"),
                Map.entry("line_items[0][quantity]", "1"),
                Map.entry("line_items[0][price_data][currency]", "eur"),
                Map.entry("line_items[0][price_data][unit_amount]", "10000"),
                Map.entry("line_items[0][price_data][product_data][name]", "Tally credits"),
                Map.entry("metadata[tallyAccountId]", "acme"),
                Map.entry("metadata[tallyAmount]", "100.00"),
                Map.entry("metadata[tallyCurrency]", "EUR"),
                Map.entry("payment_intent_data[metadata][tallyAccountId]", "acme"),
                Map.entry("payment_intent_data[metadata][tallyAmount]", "100.00"),
                Map.entry("payment_intent_data[metadata][tallyCurrency]", "EUR"),
                Map.entry("success_url", "https://tally.example/paid"),
                Map.entry("cancel_url", "https://tally.example/cancelled")));
    }

    @Test
    void countsACurrencyWithoutMinorUnitsInWholeUnits() {
        gateway.createCheckoutSession(ACME, FakeStripe.CUSTOMER, Money.of("500", "JPY"));

        assertThat(form(single(FakeStripe.SESSIONS)))
                .containsEntry("line_items[0][price_data][currency]", "jpy")
                .containsEntry("line_items[0][price_data][unit_amount]", "500")
                .containsEntry("metadata[tallyAmount]", "500");
    }

    @Test
    void sendsAnInvoiceAsADraftWithItsItemsThenFinalizesIt() {
        String stripeInvoice = gateway.pushInvoice(new OutgoingInvoice(INVOICE, "2026-000001", FakeStripe.CUSTOMER,
                Currency.getInstance("EUR"), List.of(
                        new OutgoingInvoice.Item(Money.of("36.00", "EUR"), "cpu env-a 720 core-hour @ 0.05"),
                        new OutgoingInvoice.Item(Money.of("0.50", "EUR"), "egress env-a 50 gb @ 0.01"))));

        assertThat(stripeInvoice).isEqualTo(FakeStripe.INVOICE);
        LoggedRequest draft = single(FakeStripe.INVOICES);
        assertThat(draft.getHeader("Idempotency-Key")).isEqualTo("tally-invoice-acme-2026-01");
        assertThat(form(draft)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "customer", FakeStripe.CUSTOMER,
                "currency", "eur",
                "collection_method", "charge_automatically",
                "pending_invoice_items_behavior", "exclude",
                "auto_advance", "false",
                "description", "Tally invoice 2026-000001",
                "metadata[tallyInvoiceId]", "acme-2026-01",
                "metadata[tallyInvoiceNumber]", "2026-000001"));
        List<LoggedRequest> items = stripe.requests(FakeStripe.INVOICE_ITEMS);
        assertThat(items).extracting(item -> item.getHeader("Idempotency-Key"))
                .containsExactly("tally-invoice-acme-2026-01-item-1", "tally-invoice-acme-2026-01-item-2");
        assertThat(form(items.getFirst())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "customer", FakeStripe.CUSTOMER,
                "invoice", FakeStripe.INVOICE,
                "currency", "eur",
                "amount", "3600",
                "description", "cpu env-a 720 core-hour @ 0.05",
                "metadata[tallyInvoiceId]", "acme-2026-01"));
        assertThat(form(items.get(1))).containsEntry("amount", "50");
        LoggedRequest finalize = single(FakeStripe.FINALIZE);
        assertThat(finalize.getHeader("Idempotency-Key")).isEqualTo("tally-invoice-acme-2026-01-finalize");
        assertThat(form(finalize)).containsExactlyEntriesOf(Map.of("auto_advance", "true"));
        assertThat(draft.getLoggedDate()).isBeforeOrEqualTo(items.getFirst().getLoggedDate());
        assertThat(items.getLast().getLoggedDate()).isBeforeOrEqualTo(finalize.getLoggedDate());
    }

    @Test
    void aStripeServerErrorIsAPaymentProviderErrorNamingStripesRequest() {
        stripe.failing(FakeStripe.CUSTOMERS, 500);

        assertThatThrownBy(() -> gateway.createCustomer(ACME, "ops@acme.example", "Acme"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_PROVIDER_ERROR);
                    assertThat(e.getMessage()).matches("Could not create the Stripe customer of account acme: "
                            + "Stripe answered HTTP 500, request req_Tally\\d{8}; try again later");
                });
    }

    @Test
    void aRefusalSaysWhatStripeSaid() {
        stripe.failing(FakeStripe.SESSIONS, 400);

        assertThatThrownBy(() -> gateway.createCheckoutSession(ACME, FakeStripe.CUSTOMER, Money.of("1", "EUR")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.getMessage())
                        .startsWith("Could not start a Stripe checkout for account acme: "
                                + "Stripe refused it: Invalid request (HTTP 400, request req_Tally"));
    }

    @Test
    void aStripeThatAnswersTooLateIsAPaymentProviderError() {
        stripe.slowOnce(FakeStripe.CUSTOMERS, (int) READ_TIMEOUT.toMillis() + 1_000);

        assertThatThrownBy(() -> gateway.createCustomer(ACME, "ops@acme.example", "Acme"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_PROVIDER_ERROR);
                    assertThat(e.getMessage()).contains("Stripe could not be reached").contains("timed out");
                });
        assertThat(stripe.requests(FakeStripe.CUSTOMERS)).as("stripe-java's own retries are off").hasSize(1);
    }

    @Test
    void withoutAnApiKeyNothingIsSentAndTheIntegrationIsDisabled() {
        StripeGateway disabled = new StripeGateway(new StripeProperties(null, null, stripe.baseUrl(), null, null),
                new StripeHttpProperties(null, null));

        assertThat(disabled.enabled()).isFalse();
        assertThatThrownBy(() -> disabled.createCustomer(ACME, "ops@acme.example", "Acme"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INTEGRATION_DISABLED);
                    assertThat(e.getMessage()).isEqualTo("Stripe is not configured: set STRIPE_API_KEY");
                });
        assertThat(stripe.requests(FakeStripe.CUSTOMERS)).isEmpty();
    }

    private static LoggedRequest single(String path) {
        List<LoggedRequest> requests = stripe.requests(path);
        assertThat(requests).as("requests to %s", path).hasSize(1);
        return requests.getFirst();
    }

    /** The form-encoded parameters, as Stripe decodes them. */
    static Map<String, String> form(LoggedRequest request) {
        return request.formParameters().values().stream()
                .collect(Collectors.toMap(parameter -> parameter.key(), parameter -> parameter.firstValue()));
    }
}

package dev.tally.app.stripe;

import dev.tally.api.stripe.RecordStripeEvent;
import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import dev.tally.integrations.stripe.webhook.StripeSigner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Map;

import static dev.tally.integrations.stripe.webhook.StripePayloads.checkoutSession;
import static dev.tally.integrations.stripe.webhook.StripePayloads.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Without STRIPE_WEBHOOK_SECRET nothing can be verified: the webhook says so, stores nothing, and Stripe retries. */
class StripeWebhookWithoutSecretApiTest extends EngineTest {

    @Autowired
    DataSource dataSource;

    @Test
    void withoutASigningSecretTheWebhookIsUnavailableAndStoresNothing() {
        Api api = api();
        String account = uniqueId("acc");
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"ops@example.com","name":"Buyer","currency":"EUR","billingMode":"PREPAID"}"""
                .formatted(account)).status()).isEqualTo(201);
        String eventId = "evt_1SPk3xLkdIwHu7ixUnconfig";
        String payload = event(eventId, "checkout.session.completed",
                checkoutSession("cs_test_unconfigured", "pi_3SPk2wLkdIwHu7ixUnconfig", account, 10000, "eur", "paid"));

        Api.Response unavailable = api.withKey(null).post("/api/v1/webhooks/stripe", payload,
                Map.of("Stripe-Signature", StripeSigner.header("whsec_any", payload, Instant.now())));

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body().path("code").asString()).isEqualTo("INTEGRATION_DISABLED");
        assertThat(unavailable.body().path("detail").asString()).contains("STRIPE_WEBHOOK_SECRET");
        EventStoreRows rows = new EventStoreRows(dataSource);
        assertThat(rows.of(RecordStripeEvent.stripeEventAggregateId(eventId), "StripeEventReceived")).isZero();
        assertThat(rows.of(account + "/credits", "CreditsGranted")).isZero();
    }
}

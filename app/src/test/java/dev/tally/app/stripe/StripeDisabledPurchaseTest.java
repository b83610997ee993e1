package dev.tally.app.stripe;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared engine runs without Stripe keys, as a newcomer's does: buying credits is a clear problem. */
class StripeDisabledPurchaseTest extends EngineTest {

    @Autowired
    DataSource dataSource;

    @Test
    void withoutStripeKeysAPurchaseIsAProblemSayingWhatToSetAndStoresNothing() {
        Api api = api();
        String id = uniqueId("buyer");
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"ops@%s.example","name":"Buyer","currency":"EUR","billingMode":"PREPAID"}
                """.formatted(id, id)).status()).isEqualTo(201);
        EventStoreRows events = new EventStoreRows(dataSource);
        long stored = events.all();

        Api.Response response = api.post("/api/v1/accounts/" + id + "/credit-purchases",
                "{\"amount\":" + money("100.00", "EUR") + "}");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asString()).isEqualTo("INTEGRATION_DISABLED");
        assertThat(response.body().path("detail").asString())
                .isEqualTo("Stripe is not configured: set STRIPE_API_KEY");
        assertThat(events.all()).isEqualTo(stored);
    }
}

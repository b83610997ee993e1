package dev.tally.app.identity;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import dev.tally.integrations.identity.IdentitySignIns;
import dev.tally.integrations.identity.IdentitySigner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without TALLY_IDENTITY_WEBHOOK_SECRET nothing can be verified: the webhook says so and opens nothing. */
class IdentityWebhookWithoutSecretApiTest extends EngineTest {

    @Autowired
    DataSource dataSource;

    @Test
    void withoutASharedSecretTheWebhookIsUnavailableAndStoresNothing() {
        String subject = uniqueId("auth0|unconfigured");
        String body = """
                {"subject":"%s","email":"new@lab.example","name":"New"}""".formatted(subject);

        Api.Response unavailable = api().withKey(null).post("/api/v1/webhooks/identity", body,
                Map.of("X-Tally-Signature", IdentitySigner.header("idp_any", body, Instant.now())));

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.body().path("code").asString()).isEqualTo("INTEGRATION_DISABLED");
        assertThat(unavailable.body().path("detail").asString()).contains("TALLY_IDENTITY_WEBHOOK_SECRET");
        String account = IdentitySignIns.accountIdFor(subject).value();
        assertThat(new EventStoreRows(dataSource).of(account, "AccountOpened")).isZero();
        assertThat(api().get("/api/v1/accounts/" + account).status()).isEqualTo(404);
    }
}

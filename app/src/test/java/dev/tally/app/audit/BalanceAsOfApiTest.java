package dev.tally.app.audit;

import dev.tally.app.support.Amounts;
import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/** An account's balance as of any instant, replayed from the events recorded up to it. */
class BalanceAsOfApiTest extends EngineTest {

    @Test
    void theBalanceAsOfAnInstantCountsOnlyWhatWasRecordedByThen() {
        Api api = api();
        String account = uniqueId("asof");
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"a@example.com","name":"As of","currency":"EUR","billingMode":"PREPAID"}"""
                .formatted(account)).status()).isEqualTo(201);
        String grants = "/api/v1/accounts/" + account + "/credit-grants";
        assertThat(api.post(grants, "{\"grantId\":\"first\",\"kind\":\"PURCHASE\",\"amount\":"
                + money("100.00", "EUR") + "}").status()).isEqualTo(201);
        eventually().until(() -> api.get("/api/v1/accounts/" + account + "/ledger").body().path("total").asInt() == 1);
        Instant firstRecorded = Instant.parse(api.get("/api/v1/accounts/" + account + "/ledger").body()
                .path("items").get(0).path("at").asString());
        assertThat(api.post(grants, "{\"kind\":\"ADMIN\",\"amount\":" + money("50.00", "EUR") + "}").status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + account + "/refunds", """
                {"grantId":"first","amount":{"amount":"30.00","currency":"EUR"},"reason":"changed plans"}""")
                .status()).isEqualTo(201);

        JsonNode then = api.get("/api/v1/audit/accounts/" + account + "/balance?asOf=" + firstRecorded).body();
        JsonNode now = api.get("/api/v1/audit/accounts/" + account + "/balance").body();

        assertThat(Amounts.of(then.path("balance"))).isEqualTo("100.00 EUR");
        assertThat(Amounts.of(then.path("totalGranted"))).isEqualTo("100.00 EUR");
        assertThat(then.path("asOf").asString()).isEqualTo(firstRecorded.toString());
        assertThat(Amounts.of(now.path("balance"))).isEqualTo("120.00 EUR");
        assertThat(Amounts.of(now.path("totalRefunded"))).isEqualTo("30.00 EUR");
        assertThat(now.path("eventsReplayed").asLong()).isGreaterThan(then.path("eventsReplayed").asLong());
        assertThat(now.path("billingMode").asString()).isEqualTo("PREPAID");
    }

    @Test
    void beforeItsFirstEventAnAccountHasNoLedgerAndABadInstantIsRefused() {
        Api api = api();
        String account = uniqueId("asof");
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"a@example.com","name":"As of","currency":"EUR","billingMode":"PREPAID"}"""
                .formatted(account)).status()).isEqualTo(201);

        Api.Response before = api.get("/api/v1/audit/accounts/" + account + "/balance?asOf=2020-01-01T00:00:00Z");
        Api.Response unknown = api.get("/api/v1/audit/accounts/" + uniqueId("nobody") + "/balance");
        Api.Response badInstant = api.get("/api/v1/audit/accounts/" + account + "/balance?asOf=yesterday");
        Api.Response verifyUnknown = api.post("/api/v1/audit/verify", "{\"accountId\":\"" + uniqueId("nobody") + "\"}");

        assertThat(before.status()).isEqualTo(404);
        assertThat(before.body().path("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(badInstant.body().path("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(verifyUnknown.status()).isEqualTo(404);
    }
}

package dev.tally.app;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.ReadModels;
import dev.tally.projections.account.AccountProjection;
import dev.tally.projections.credits.BalanceProjection;
import dev.tally.projections.credits.LedgerProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static dev.tally.app.support.Api.money;
import static dev.tally.schema.jooq.Tables.ACCOUNT;
import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

/** Read models are disposable: dropped and replayed from the event store, they give the same answers. */
class ReplayTest extends EngineTest {

    private static final List<String> READ_MODELS = List.of(
            AccountProjection.PROCESSING_GROUP, BalanceProjection.PROCESSING_GROUP, LedgerProjection.PROCESSING_GROUP);

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    DSLContext db;

    @Test
    void clearedReadModelsReplayToTheSameBalanceLedgerAndAccount() {
        Api api = api();
        String id = uniqueId("replay");
        api.post("/api/v1/accounts", """
                {"id":"%s","email":"r@example.com","name":"Replay","currency":"USD","billingMode":"PREPAID"}
                """.formatted(id));
        api.post("/api/v1/accounts/" + id + "/credit-grants",
                "{\"kind\":\"PURCHASE\",\"amount\":" + money("70.00", "USD") + "}");
        api.post("/api/v1/accounts/" + id + "/credit-grants", "{\"kind\":\"VOUCHER\",\"amount\":"
                + money("30.25", "USD") + ",\"expiresAt\":\"2099-01-01T00:00:00Z\"}");
        api.post("/api/v1/accounts/" + id + "/suspend", null);
        // Each read model has its own processor: wait for all three to have seen everything.
        eventually().until(() -> api.get("/api/v1/accounts/" + id + "/ledger").body().path("total").asInt() == 2
                && "SUSPENDED".equals(api.get("/api/v1/accounts/" + id).body().path("status").asString())
                && "100.25".equals(api.get("/api/v1/accounts/" + id + "/balance").body()
                        .path("balance").path("amount").asString()));
        JsonNode balance = api.get("/api/v1/accounts/" + id + "/balance").body();
        JsonNode ledger = api.get("/api/v1/accounts/" + id + "/ledger").body();
        JsonNode account = api.get("/api/v1/accounts/" + id).body();
        assertThat(balance.path("balance").path("amount").asString()).isEqualTo("100.25");

        db.deleteFrom(ACCOUNT_BALANCE).execute();
        db.deleteFrom(LEDGER_ENTRY).execute();
        db.deleteFrom(ACCOUNT).execute();
        assertThat(api.get("/api/v1/accounts/" + id + "/balance").status()).isEqualTo(404);

        READ_MODELS.forEach(group -> ReadModels.replay(processing, group));

        eventually().untilAsserted(() -> {
            assertThat(api.get("/api/v1/accounts/" + id + "/balance").body()).isEqualTo(balance);
            assertThat(api.get("/api/v1/accounts/" + id + "/ledger").body()).isEqualTo(ledger);
            assertThat(api.get("/api/v1/accounts/" + id).body()).isEqualTo(account);
        });
    }

}

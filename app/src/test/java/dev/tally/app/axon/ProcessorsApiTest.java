package dev.tally.app.axon;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.integrations.kubernetes.ClusterCollectionScheduler;
import dev.tally.projections.credits.BalanceProjection;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilds over HTTP: a processor replayed from zero gives the same read model, and its progress shows it. */
class ProcessorsApiTest extends EngineTest {

    @Test
    void replayingBalancesRebuildsTheSameBalanceAndShowsItCaughtUp() {
        Api api = api();
        String id = uniqueId("rebuild");
        api.post("/api/v1/accounts", """
                {"id":"%s","email":"r@example.com","name":"Rebuild","currency":"USD","billingMode":"PREPAID"}
                """.formatted(id));
        api.post("/api/v1/accounts/" + id + "/credit-grants",
                "{\"kind\":\"PURCHASE\",\"amount\":" + money("70.00", "USD") + "}");
        api.post("/api/v1/accounts/" + id + "/credit-grants",
                "{\"kind\":\"ADMIN\",\"amount\":" + money("5.50", "USD") + "}");
        eventually().until(() -> "75.50".equals(api.get("/api/v1/accounts/" + id + "/balance").body()
                .path("balance").path("amount").asString()));
        JsonNode balance = api.get("/api/v1/accounts/" + id + "/balance").body();

        Api.Response replay = api.post("/api/v1/admin/processors/balances/replay", null);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.body().path("name").asString()).isEqualTo(BalanceProjection.PROCESSING_GROUP);

        eventually().untilAsserted(() -> {
            JsonNode balances = processor(api, BalanceProjection.PROCESSING_GROUP);
            assertThat(balances.path("state").asString()).isEqualTo("RUNNING");
            assertThat(balances.path("replaying").asBoolean()).isFalse();
            assertThat(balances.path("lag").asLong(-1)).isZero();
            assertThat(balances.path("position").asLong()).isPositive();
            assertThat(api.get("/api/v1/accounts/" + id + "/balance").body()).isEqualTo(balance);
        });
    }

    @Test
    void listsEveryStreamingProcessorWithItsProgress() {
        Api api = api();
        eventually().untilAsserted(() -> {
            JsonNode balances = processor(api, BalanceProjection.PROCESSING_GROUP);
            assertThat(balances.path("segments").asInt()).isPositive();
            assertThat(balances.path("claimedSegments").size()).isEqualTo(balances.path("segments").asInt());
            assertThat(balances.path("state").asString()).isEqualTo("RUNNING");
        });
        JsonNode all = api.get("/api/v1/admin/processors").body();
        assertThat(all.valueStream().map(node -> node.path("name").asString()))
                .contains("balances", "ledger", "accounts", ClusterCollectionScheduler.PROCESSING_GROUP)
                .doesNotContain("account-ledger-relay");
    }

    @Test
    void anUnknownProcessorIsNotFoundAndASideEffectOneIsNeverReplayed() {
        Api api = api();
        assertThat(api.post("/api/v1/admin/processors/no-such-group/replay", null).status()).isEqualTo(404);
        Api.Response refused = api.post(
                "/api/v1/admin/processors/" + ClusterCollectionScheduler.PROCESSING_GROUP + "/replay", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asString()).isEqualTo("CONFLICT");
        assertThat(api.withKey(null).post("/api/v1/admin/processors/balances/replay", null).status())
                .isEqualTo(401);
    }

    private static JsonNode processor(Api api, String name) {
        return api.get("/api/v1/admin/processors").body().valueStream()
                .filter(node -> name.equals(node.path("name").asString()))
                .findFirst().orElseThrow();
    }
}

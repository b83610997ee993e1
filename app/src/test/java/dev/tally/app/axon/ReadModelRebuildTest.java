package dev.tally.app.axon;

import dev.tally.api.credits.CreditsGranted;
import dev.tally.app.support.Api;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.integrations.kubernetes.ClusterCollectionScheduler;
import dev.tally.projections.account.AccountProjection;
import dev.tally.projections.credits.BalanceProjection;
import dev.tally.projections.credits.LedgerProjection;
import org.awaitility.Awaitility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tally.app.support.Api.money;
import static dev.tally.schema.jooq.Tables.ACCOUNT;
import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read model rebuilt while the engine runs keeps answering with its old, complete content until the new one is
 * complete: the rebuild is held in the middle (by a handler of the same processing group) while the test reads.
 */
class ReadModelRebuildTest {

    /** Joins the balances group; when armed, holds the rebuild at the first grant it replays until released. */
    @ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
    public static class RebuildGate {

        static final AtomicBoolean ARMED = new AtomicBoolean();
        static final CountDownLatch REACHED = new CountDownLatch(1);
        static final CountDownLatch RELEASED = new CountDownLatch(1);

        @EventHandler
        void on(CreditsGranted event) throws InterruptedException {
            if (ARMED.compareAndSet(true, false)) {
                REACHED.countDown();
                RELEASED.await(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Joins the balances group; when armed, fails the rebuild at the first grant it replays. */
    @ProcessingGroup(BalanceProjection.PROCESSING_GROUP)
    public static class RebuildBreaker {

        static final AtomicBoolean ARMED = new AtomicBoolean();

        @EventHandler
        void on(CreditsGranted event) {
            if (ARMED.compareAndSet(true, false)) {
                throw new IllegalStateException("the balances rebuild breaks here");
            }
        }
    }

    @TempDir
    Path dataDir;

    @Test
    void readsAnswerFromTheOldReadModelUntilTheRebuildCommits() throws InterruptedException {
        try (RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of("tally.demo", "false"),
                RebuildGate.class)) {
            Api api = tally.api();
            api.post("/api/v1/accounts", """
                    {"id":"held","email":"h@example.com","name":"Held","currency":"EUR","billingMode":"PREPAID"}""");
            api.post("/api/v1/accounts/held/credit-grants",
                    "{\"kind\":\"PURCHASE\",\"amount\":" + money("70.00", "EUR") + "}");
            api.post("/api/v1/accounts/held/credit-grants",
                    "{\"kind\":\"ADMIN\",\"amount\":" + money("5.50", "EUR") + "}");
            await().until(() -> "75.50".equals(api.get("/api/v1/accounts/held/balance").body()
                    .path("balance").path("amount").asString()));
            JsonNode before = api.get("/api/v1/accounts/held/balance").body();

            RebuildGate.ARMED.set(true);
            assertThat(api.post("/api/v1/admin/processors/balances/replay", null).status()).isEqualTo(202);
            assertThat(RebuildGate.REACHED.await(60, TimeUnit.SECONDS)).as("the rebuild reached the gate").isTrue();

            JsonNode rebuilding = api.get("/api/v1/admin/processors/balances").body();
            Api.Response during = api.get("/api/v1/accounts/held/balance");
            Api.Response again = api.post("/api/v1/admin/processors/balances/replay", null);
            RebuildGate.RELEASED.countDown();

            assertThat(rebuilding.path("state").asString()).isEqualTo("REBUILDING");
            assertThat(rebuilding.path("replaying").asBoolean()).isTrue();
            assertThat(during.status()).isEqualTo(200);
            assertThat(during.body()).isEqualTo(before);
            assertThat(again.status()).isEqualTo(409);
            await().untilAsserted(() -> {
                JsonNode balances = api.get("/api/v1/admin/processors/balances").body();
                assertThat(balances.path("state").asString()).isEqualTo("RUNNING");
                assertThat(balances.path("lag").asLong(-1)).isZero();
            });
            assertThat(api.get("/api/v1/accounts/held/balance").body()).isEqualTo(before);

            api.post("/api/v1/accounts/held/credit-grants",
                    "{\"kind\":\"ADMIN\",\"amount\":" + money("1.00", "EUR") + "}");
            await().until(() -> "76.50".equals(api.get("/api/v1/accounts/held/balance").body()
                    .path("balance").path("amount").asString()));
        }
    }

    /**
     * POST /admin/processors/replay rebuilds every read model that allows it in one pass: read models emptied behind
     * the engine's back come back with the same answers; the processors with side effects are not replayed.
     */
    @Test
    void everyReadModelRebuiltInOnePassAnswersAsBefore() {
        try (RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of("tally.demo", "false"))) {
            Api api = tally.api();
            api.post("/api/v1/accounts", """
                    {"id":"whole","email":"w@example.com","name":"Whole","currency":"EUR","billingMode":"PREPAID"}""");
            api.post("/api/v1/accounts/whole/credit-grants",
                    "{\"kind\":\"PURCHASE\",\"amount\":" + money("70.00", "EUR") + "}");
            api.post("/api/v1/accounts/whole/suspend", null);
            await().until(() -> api.get("/api/v1/accounts/whole/ledger").body().path("total").asInt() == 1
                    && "SUSPENDED".equals(api.get("/api/v1/accounts/whole").body().path("status").asString())
                    && "70.00".equals(api.get("/api/v1/accounts/whole/balance").body()
                            .path("balance").path("amount").asString()));
            List<String> reads = List.of("/api/v1/accounts/whole", "/api/v1/accounts/whole/balance",
                    "/api/v1/accounts/whole/ledger");
            List<JsonNode> before = reads.stream().map(path -> api.get(path).body()).toList();
            DSLContext db = tally.bean(DSLContext.class);
            db.deleteFrom(ACCOUNT_BALANCE).execute();
            db.deleteFrom(LEDGER_ENTRY).execute();
            db.deleteFrom(ACCOUNT).execute();
            assertThat(api.get("/api/v1/accounts/whole").status()).isEqualTo(404);

            Api.Response replay = api.post("/api/v1/admin/processors/replay", null);

            assertThat(replay.status()).isEqualTo(202);
            List<String> replayed = replay.body().valueStream().map(status -> status.path("name").asString())
                    .toList();
            assertThat(replayed).contains(AccountProjection.PROCESSING_GROUP, BalanceProjection.PROCESSING_GROUP,
                    LedgerProjection.PROCESSING_GROUP).doesNotContain(ClusterCollectionScheduler.PROCESSING_GROUP);
            await().untilAsserted(() -> assertEveryProcessorCaughtUp(api));
            assertThat(reads.stream().map(path -> api.get(path).body()).toList()).isEqualTo(before);
        }
    }

    /**
     * Read models rebuilt together are rebuilt each in its own transaction: when the balances' rebuild fails, the old
     * balances stay, whole, and the ledger, emptied behind the engine's back, is rebuilt all the same.
     */
    @Test
    void aFailedRebuildRollsBackItsReadModelAlone() {
        try (RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of("tally.demo", "false"),
                RebuildBreaker.class)) {
            Api api = tally.api();
            api.post("/api/v1/accounts", """
                    {"id":"broken","email":"b@example.com","name":"Broken","currency":"EUR","billingMode":"PREPAID"}""");
            api.post("/api/v1/accounts/broken/credit-grants",
                    "{\"kind\":\"PURCHASE\",\"amount\":" + money("12.00", "EUR") + "}");
            await().until(() -> api.get("/api/v1/accounts/broken/ledger").body().path("total").asInt() == 1
                    && "12.00".equals(api.get("/api/v1/accounts/broken/balance").body()
                            .path("balance").path("amount").asString()));
            JsonNode balance = api.get("/api/v1/accounts/broken/balance").body();
            JsonNode ledger = api.get("/api/v1/accounts/broken/ledger").body();
            tally.bean(DSLContext.class).deleteFrom(LEDGER_ENTRY).execute();

            RebuildBreaker.ARMED.set(true);
            assertThat(api.post("/api/v1/admin/processors/replay", null).status()).isEqualTo(202);

            await().untilAsserted(() -> {
                assertThat(RebuildBreaker.ARMED).isFalse();
                assertEveryProcessorCaughtUp(api);
            });
            assertThat(api.get("/api/v1/accounts/broken/balance").body()).isEqualTo(balance);
            assertThat(api.get("/api/v1/accounts/broken/ledger").body()).isEqualTo(ledger);
        }
    }

    private static void assertEveryProcessorCaughtUp(Api api) {
        for (JsonNode processor : api.get("/api/v1/admin/processors").body()) {
            assertThat(processor.path("state").asString()).as(processor.path("name").asString()).isEqualTo("RUNNING");
            assertThat(processor.path("lag").asLong(-1)).isZero();
        }
    }

    private static org.awaitility.core.ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50));
    }
}

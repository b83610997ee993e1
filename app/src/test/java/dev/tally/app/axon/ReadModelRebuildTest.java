package dev.tally.app.axon;

import dev.tally.api.credits.CreditsGranted;
import dev.tally.app.support.Api;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.projections.credits.BalanceProjection;
import org.awaitility.Awaitility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.tally.app.support.Api.money;
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

    private static org.awaitility.core.ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50));
    }
}

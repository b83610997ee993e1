package dev.tally.app;

import dev.tally.app.support.Api;
import dev.tally.app.support.EventStoreRows;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine stopped and started again on the same database, as an operator would. */
class RestartTest {

    /** Snapshots every two events, so a restart loads aggregates from a snapshot, not only from events. */
    private static final Map<String, String> SNAPSHOT_OFTEN = Map.of("tally.axon.snapshot-threshold", "2");

    @TempDir
    Path dataDir;

    private final TestDatabase.Database database = TestDatabase.create();

    @Test
    void balanceIsTheSameAfterARestart() {
        try (RunningTally tally = RunningTally.start(database, dataDir, SNAPSHOT_OFTEN)) {
            Api api = tally.api();
            openAccount(api, "restart-me");
            grant(api, "restart-me", "{\"kind\":\"ADMIN\",\"amount\":" + money("60.00", "EUR") + "}");
            grant(api, "restart-me", "{\"kind\":\"PURCHASE\",\"amount\":" + money("40.00", "EUR") + "}");
            awaitBalance(api, "restart-me", "100.00");
            assertThat(new EventStoreRows(tally.bean(DataSource.class)).snapshotsOf("restart-me/credits")).isOne();
        }

        try (RunningTally tally = RunningTally.start(database, dataDir, SNAPSHOT_OFTEN)) {
            Api api = tally.api();
            assertThat(balance(api, "restart-me")).isEqualTo("100.00");
            // The ledger aggregate loads again (from its snapshot) and takes new grants.
            grant(api, "restart-me", "{\"kind\":\"ADMIN\",\"amount\":" + money("0.50", "EUR") + "}");
            awaitBalance(api, "restart-me", "100.50");
        }
    }

    @Test
    void grantExpiresOnceWhenTheTestClockPassesItAcrossRestarts() {
        // The daily verification (03:00) is off: the expiry is the only work due in the hours this test moves over.
        Map<String, String> testClock = Map.of(
                "tally.test-clock.enabled", "true",
                "tally.test-clock.start", "2026-01-01T00:00:00Z",
                "tally.axon.snapshot-threshold", "2",
                "tally.audit.verify-cron", "-");

        try (RunningTally tally = RunningTally.start(database, dataDir, testClock)) {
            Api api = tally.api();
            openAccount(api, "expiring");
            grant(api, "expiring", "{\"grantId\":\"trial\",\"kind\":\"PROMOTION\",\"amount\":"
                    + money("10.00", "EUR") + ",\"expiresAt\":\"2026-01-01T12:00:00Z\"}");
            grant(api, "expiring", "{\"kind\":\"ADMIN\",\"amount\":" + money("5.00", "EUR") + "}");
            awaitBalance(api, "expiring", "15.00");
        }

        try (RunningTally tally = RunningTally.start(database, dataDir, testClock)) {
            Api api = tally.api();
            EventStoreRows events = new EventStoreRows(tally.bean(DataSource.class));
            assertThat(api.get("/api/v1/admin/test-clock").body().path("now").asString())
                    .isEqualTo("2026-01-01T00:00:00Z");

            Api.Response early = api.post("/api/v1/admin/test-clock", "{\"advanceTo\":\"2026-01-01T11:59:59Z\"}");
            assertThat(early.body().path("dueExecutionsDispatched").asInt()).isZero();
            assertThat(events.of("expiring/credits", "CreditsExpired")).isZero();

            Api.Response past = api.post("/api/v1/admin/test-clock", "{\"advanceBy\":\"PT1H\"}");
            assertThat(past.status()).isEqualTo(200);
            assertThat(past.body().path("now").asString()).isEqualTo("2026-01-01T12:59:59Z");
            assertThat(past.body().path("dueExecutionsDispatched").asInt()).isOne();
            assertThat(events.of("expiring/credits", "CreditsExpired")).isOne();
            awaitBalance(api, "expiring", "5.00");

            Api.Response backwards = api.post("/api/v1/admin/test-clock", "{\"advanceTo\":\"2026-01-01T00:00:00Z\"}");
            assertThat(backwards.status()).isEqualTo(409);
            assertThat(backwards.body().path("code").asString()).isEqualTo("CONFLICT");
        }

        try (RunningTally tally = RunningTally.start(database, dataDir, testClock)) {
            Api api = tally.api();
            // The clock resumes where it was moved to, not at the configured start.
            assertThat(api.get("/api/v1/admin/test-clock").body().path("now").asString())
                    .isEqualTo("2026-01-01T12:59:59Z");
            Api.Response later = api.post("/api/v1/admin/test-clock", "{\"advanceTo\":\"2026-01-01T23:59:00Z\"}");
            assertThat(later.body().path("dueExecutionsDispatched").asInt()).isZero();
            assertThat(new EventStoreRows(tally.bean(DataSource.class)).of("expiring/credits", "CreditsExpired"))
                    .isOne();
            assertThat(balance(api, "expiring")).isEqualTo("5.00");
            // The ledger's processor may still be catching up on the expiry after the restart.
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> api.get("/api/v1/accounts/expiring/ledger").body().path("total").asInt() == 3);
            var ledger = api.get("/api/v1/accounts/expiring/ledger").body().path("items");
            assertThat(ledger.get(2).path("kind").asString()).isEqualTo("EXPIRY");
            assertThat(ledger.get(2).path("amount").path("amount").asString()).isEqualTo("10.00");
            assertThat(ledger.get(2).path("debit").asString()).isEqualTo("CUSTOMER_CREDIT");
            assertThat(ledger.get(2).path("credit").asString()).isEqualTo("BREAKAGE");
        }
    }

    @Test
    void testClockIsAbsentUnlessTurnedOn() {
        try (RunningTally tally = RunningTally.start(database, dataDir, Map.of())) {
            Api.Response response = tally.api().get("/api/v1/admin/test-clock");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body().path("code").asString()).isEqualTo("NOT_FOUND");
        }
    }

    private static void openAccount(Api api, String id) {
        Api.Response response = api.post("/api/v1/accounts", """
                {"id":"%s","email":"%s@example.com","name":"Restart","currency":"EUR","billingMode":"PREPAID"}
                """.formatted(id, id));
        assertThat(response.status()).isEqualTo(201);
    }

    private static void grant(Api api, String accountId, String body) {
        assertThat(api.post("/api/v1/accounts/" + accountId + "/credit-grants", body).status()).isEqualTo(201);
    }

    private static String balance(Api api, String accountId) {
        return api.get("/api/v1/accounts/" + accountId + "/balance").body().path("balance").path("amount").asString();
    }

    private static void awaitBalance(Api api, String accountId, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> expected.equals(balance(api, accountId)));
    }
}

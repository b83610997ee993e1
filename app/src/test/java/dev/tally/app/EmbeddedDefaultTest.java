package dev.tally.app;

import dev.tally.app.support.Api;
import dev.tally.app.support.RunningTally;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/** No configuration at all: PostgreSQL 18 runs embedded in the data dir and keeps its data across restarts. */
class EmbeddedDefaultTest {

    @TempDir
    Path dataDir;

    @Test
    void startsWithNoConfigurationAndKeepsItsDataAndKeyAcrossRestarts() throws Exception {
        Path keyFile = dataDir.resolve("admin-api-key");
        try (RunningTally tally = RunningTally.withEmbeddedDefault(dataDir)) {
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String key = Files.readString(keyFile).strip();
            assertThat(key).startsWith("tally_").hasSizeGreaterThan(40);
            assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
            assertThat(tally.bean(DSLContext.class).fetchValue("SHOW synchronous_commit"))
                    .as("an acknowledged command survives a crash").isEqualTo("on");

            Api api = tally.api(key);
            assertThat(api.post("/api/v1/accounts", """
                    {"id":"newcomer","email":"n@example.com","name":"Newcomer","currency":"EUR","billingMode":"PREPAID"}
                    """).status()).isEqualTo(201);
            assertThat(api.post("/api/v1/accounts/newcomer/credit-grants",
                    "{\"kind\":\"ADMIN\",\"amount\":" + money("100.00", "EUR") + "}").status()).isEqualTo(201);
            awaitBalance(api, "100.00");
        }

        String keyAfterRestart = Files.readString(keyFile).strip();
        try (RunningTally tally = RunningTally.withEmbeddedDefault(dataDir)) {
            Api api = tally.api(keyAfterRestart);
            assertThat(balance(api)).isEqualTo("100.00");
            assertThat(tally.api("tally_not-the-key").get("/api/v1/accounts").status()).isEqualTo(401);
        }
    }

    private static String balance(Api api) {
        return api.get("/api/v1/accounts/newcomer/balance").body().path("balance").path("amount").asString();
    }

    private static void awaitBalance(Api api, String expected) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> expected.equals(balance(api)));
    }
}

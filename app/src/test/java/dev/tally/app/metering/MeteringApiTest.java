package dev.tally.app.metering;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Scrapes pushed over HTTP become usage per environment and hour, read back over HTTP (issue 4's "done when"). */
class MeteringApiTest extends EngineTest {

    private static final Instant TEN = Instant.parse("2026-01-05T10:00:00Z");
    private static final long TWO_CORES_FOR_A_MINUTE = 120_000_000_000L;
    private static final long ONE_GIB = 1L << 30;

    @Autowired
    DataSource dataSource;

    private Api api;
    private String cluster;
    private String account;
    private String environment;

    @BeforeEach
    void registerClusterAccountAndEnvironment() {
        api = api();
        cluster = uniqueId("cluster");
        account = uniqueId("acc");
        environment = uniqueId("env");
        assertThat(api.post("/api/v1/clusters", """
                {"id":"%s","name":"Research","apiUrl":"https://k8s.example:6443","credentialsRef":"external","maxAccounts":10,
                 "scrapeIntervalSeconds":60}""".formatted(cluster)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"m@example.com","name":"Metered","currency":"EUR","billingMode":"PREPAID"}
                """.formatted(account)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + account + "/cluster-assignment",
                "{\"clusterId\":\"" + cluster + "\"}").status()).isEqualTo(204);
        assertThat(api.post("/api/v1/environments", """
                {"id":"%s","accountId":"%s","clusterId":"%s","name":"Notebook","namespace":"research"}
                """.formatted(environment, account, cluster)).status()).isEqualTo(201);
    }

    /** One pod busy on 2 cores with 1 GiB of memory, sent 1 MB per minute, sampled at {@code minute}. */
    private String scrape(String scrapeId, int minute, long cpuMinutes) {
        Instant takenAt = TEN.plus(Duration.ofMinutes(minute));
        return """
                {"scrapeId":"%s","takenAt":"%s","pods":[{"namespace":"research","name":"notebook-0","uid":"pod-1",
                 "labels":{"tally.dev/account":"%s","tally.dev/environment":"%s"},
                 "startedAt":"2026-01-05T09:59:00Z","cpuUsageCoreNanoSeconds":%d,"memoryWorkingSetBytes":%d,
                 "networkRxBytes":0,"networkTxBytes":%d,"requests":{"cpuCores":"2","memoryBytes":%d,"gpus":0},
                 "volumes":[]}]}""".formatted(scrapeId, takenAt, account, environment,
                cpuMinutes * TWO_CORES_FOR_A_MINUTE, ONE_GIB, cpuMinutes * 1_000_000L, ONE_GIB);
    }

    private Api.Response push(String body) {
        return api.post("/api/v1/clusters/" + cluster + "/scrapes", body);
    }

    /** Asserts the read models know the account (the summary answers 200), so callers retry until they do. */
    private JsonNode summary(String from, String to) {
        Api.Response summary = api.get("/api/v1/accounts/" + account + "/usage/summary?from=" + from + "&to=" + to);
        assertThat(summary.status()).isEqualTo(200);
        return summary.body();
    }

    @Test
    void twoBusyCoresForAnHourScrapedEveryMinuteAreTwoCpuHours() {
        for (int minute = 0; minute <= 60; minute++) {
            assertThat(push(scrape("s-" + minute, minute, minute)).status()).isEqualTo(202);
        }

        eventually().untilAsserted(() -> {
            JsonNode hour = summary("2026-01-05T10:00:00Z", "2026-01-05T11:00:00Z");
            assertThat(new BigDecimal(hour.path("cpuHours").asString())).isEqualByComparingTo("2");
            assertThat(new BigDecimal(hour.path("memoryGibHours").asString())).isEqualByComparingTo("1");
            assertThat(new BigDecimal(hour.path("egressGb").asString())).isEqualByComparingTo("0.06");
            assertThat(new BigDecimal(hour.path("coverage").asString())).isEqualByComparingTo("1");
        });
        JsonNode items = api.get("/api/v1/accounts/" + account + "/usage?from=2026-01-05T10:00:00Z"
                + "&to=2026-01-05T11:00:00Z&granularity=hour&groupBy=environment").body().path("items");
        List<String> cpu = new ArrayList<>();
        items.forEach(item -> {
            if ("cpu".equals(item.path("meter").asString())) {
                assertThat(item.path("environmentId").asString()).isEqualTo(environment);
                cpu.add(item.path("quantity").asString());
            }
        });
        assertThat(cpu).containsExactly("2");
    }

    @Test
    void aRepeatedScrapeChangesNothingAndAnOlderOneIsRefused() {
        push(scrape("s-0", 0, 0));
        Api.Response first = push(scrape("s-1", 1, 1));
        long events = new EventStoreRows(dataSource).all();

        Api.Response repeat = push(scrape("s-1", 1, 1));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().path("duplicate").asBoolean()).isTrue();
        assertThat(repeat.body().path("usageWindows").asInt()).isEqualTo(first.body().path("usageWindows").asInt());

        Api.Response older = push(scrape("s-late", 0, 0));
        assertThat(older.status()).isEqualTo(409);
        assertThat(older.body().path("code").asString()).isEqualTo("SCRAPE_OUT_OF_ORDER");
        assertThat(new EventStoreRows(dataSource).all()).isEqualTo(events);
    }

    @Test
    void aTwentyMinuteHoleBillsTheCpuCounterAndDoesNotGuessMemory() {
        push(scrape("s-0", 59, 0));
        push(scrape("s-1", 60, 1));
        Api.Response afterHole = push(scrape("s-2", 80, 21));

        assertThat(afterHole.status()).isEqualTo(202);
        assertThat(afterHole.body().path("gap").asBoolean()).isTrue();
        eventually().untilAsserted(() -> {
            JsonNode hole = summary("2026-01-05T11:00:00Z", "2026-01-05T12:00:00Z");
            // 20 minutes of 2 busy cores: 40 core-minutes, from the counter's exact delta across the hole.
            assertThat(new BigDecimal(hole.path("cpuHours").asString())).isEqualByComparingTo("0.666667");
            assertThat(new BigDecimal(hole.path("memoryGibHours").asString())).isEqualByComparingTo("0");
            assertThat(new BigDecimal(hole.path("coverage").asString())).isEqualByComparingTo("0");
        });
        assertThat(new EventStoreRows(dataSource).of(cluster + "/cluster", "ScrapeGapDetected")).isOne();
    }

    @Test
    void badScrapesAreRefusedWithTheirFieldsAndStoreNothing() {
        long events = new EventStoreRows(dataSource).all();

        Api.Response missingUid = push(scrape("s-0", 0, 0).replace("\"uid\":\"pod-1\",", ""));
        assertThat(missingUid.status()).isEqualTo(400);
        assertThat(missingUid.body().path("errors").get(0).path("field").asString()).isEqualTo("pods[0].uid");

        Api.Response future = push(scrape("s-future", 0, 0)
                .replace(TEN.toString(), Instant.now().plus(Duration.ofHours(1)).toString()));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body().path("code").asString()).isEqualTo("VALIDATION_ERROR");

        assertThat(new EventStoreRows(dataSource).all()).isEqualTo(events);
    }

    @Test
    void aFullClusterRefusesAnotherAccount() {
        String small = uniqueId("small");
        api.post("/api/v1/clusters", """
                {"id":"%s","name":"Small","apiUrl":"https://small.example:6443","credentialsRef":"external","maxAccounts":1}""".formatted(small));
        assertThat(api.post("/api/v1/accounts/" + account + "/cluster-assignment",
                "{\"clusterId\":\"" + small + "\"}").status()).isEqualTo(204);
        String other = uniqueId("acc");
        api.post("/api/v1/accounts", """
                {"id":"%s","email":"o@example.com","name":"Other","currency":"EUR","billingMode":"PREPAID"}
                """.formatted(other));

        Api.Response full = api.post("/api/v1/accounts/" + other + "/cluster-assignment",
                "{\"clusterId\":\"" + small + "\"}");

        assertThat(full.status()).isEqualTo(409);
        assertThat(full.body().path("code").asString()).isEqualTo("CONFLICT");
        assertThat(new EventStoreRows(dataSource).of(other, "AccountClusterAssigned")).isZero();
    }

    @Test
    void anEnvironmentNeedsItsAccountOnItsCluster() {
        String elsewhere = uniqueId("elsewhere");
        api.post("/api/v1/clusters", """
                {"id":"%s","name":"Elsewhere","apiUrl":"https://else.example:6443","credentialsRef":"external","maxAccounts":5}"""
                .formatted(elsewhere));

        Api.Response refused = api.post("/api/v1/environments", """
                {"accountId":"%s","clusterId":"%s","name":"Nope","namespace":"nope"}""".formatted(account, elsewhere));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asString()).isEqualTo("CONFLICT");
    }
}

package dev.tally.app.metering;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.cluster.AccountAssignedToCluster;
import dev.tally.api.cluster.AccountReleasedFromCluster;
import dev.tally.api.cluster.ClusterDeregistered;
import dev.tally.api.cluster.ClusterNodesChanged;
import dev.tally.api.cluster.ClusterRegistered;
import dev.tally.api.cluster.Node;
import dev.tally.api.environment.EnvironmentDeleted;
import dev.tally.api.environment.EnvironmentRegistered;
import dev.tally.api.environment.EnvironmentResized;
import dev.tally.api.environment.EnvironmentStarted;
import dev.tally.api.environment.EnvironmentStopped;
import dev.tally.api.environment.Resources;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.GapFillPolicy;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.metering.MeteringPolicy;
import dev.tally.api.metering.ScrapeRecorded;
import dev.tally.api.metering.ScrapeResult;
import dev.tally.api.metering.UnattributedUsageMeasured;
import dev.tally.api.metering.UsageMeasured;
import dev.tally.app.support.AggregateEvents;
import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.ReadModels;
import dev.tally.projections.cluster.ClusterProjection;
import dev.tally.projections.environment.EnvironmentProjection;
import dev.tally.projections.metering.UsageProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.tally.schema.jooq.Tables.CLUSTER;
import static dev.tally.schema.jooq.Tables.ENVIRONMENT;
import static dev.tally.schema.jooq.Tables.USAGE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clusters, environments and usage read models and their API. The events are appended straight to the event
 * store, as the Cluster and Environment aggregates would append them, and the read models read back over HTTP.
 */
class MeteringReadModelsTest extends EngineTest {

    private static final Instant T10 = Instant.parse("2026-03-10T10:00:00Z");
    private static final MeteringPolicy POLICY = new MeteringPolicy(Map.of(), Duration.ofMinutes(45),
            GapFillPolicy.NONE, Duration.ofMinutes(5));

    @Autowired
    EventStorageEngine eventStorage;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    DSLContext db;

    @Autowired
    Clock clock;

    private Api api;
    private AggregateEvents events;

    @BeforeEach
    void setUp() {
        api = api();
        events = new AggregateEvents(eventStorage);
    }

    @Test
    void clusterShowsRegistrationCapacityAccountsAndLastScrape() {
        ClusterId cluster = registerCluster();
        onCluster(cluster, new ClusterNodesChanged(cluster, List.of(
                new Node("n1", new BigDecimal("8"), 32L << 30, 1),
                new Node("n2", new BigDecimal("4.5"), 16L << 30, 0))));
        onCluster(cluster, new AccountAssignedToCluster(cluster, AccountId.of("acme")));
        onCluster(cluster, new AccountAssignedToCluster(cluster, AccountId.of("globex")));
        onCluster(cluster, new AccountReleasedFromCluster(cluster, AccountId.of("acme")));
        scrape(cluster, "s1", T10, null, false);
        scrape(cluster, "s2", T10.plusSeconds(900), T10, false);

        String path = "/api/v1/clusters/" + cluster.value();
        eventually().until(() -> "s2".equals(api.get(path).body().path("lastScrapeId").asString()));
        JsonNode view = api.get(path).body();
        assertThat(view.path("id").asString()).isEqualTo(cluster.value());
        assertThat(view.path("name").asString()).isEqualTo("Lab cluster");
        assertThat(view.path("apiUrl").asString()).isEqualTo("https://k8s.lab.example:6443");
        assertThat(view.path("credentialsRef").asString()).isEqualTo("external");
        assertThat(view.path("maxAccounts").asInt()).isEqualTo(10);
        assertThat(view.path("scrapeIntervalSeconds").asInt()).isEqualTo(900);
        assertThat(view.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(view.path("nodes").asInt()).isEqualTo(2);
        assertThat(view.path("cpuCores").asString()).isEqualTo("12.5");
        assertThat(view.path("memoryBytes").asLong()).isEqualTo(48L << 30);
        assertThat(view.path("gpus").asInt()).isEqualTo(1);
        assertThat(view.path("accountsAssigned").asInt()).isEqualTo(1);
        assertThat(view.path("registeredAt").asString()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(view.path("lastScrapeAt").asString()).isEqualTo("2026-03-10T10:15:00Z");

        onCluster(cluster, new ClusterDeregistered(cluster, T10.plusSeconds(3600)));
        eventually().until(() -> "DEREGISTERED".equals(api.get(path).body().path("status").asString()));

        JsonNode page = api.get("/api/v1/clusters?page=0&size=500").body();
        assertThat(page.path("items").valueStream().map(item -> item.path("id").asString()))
                .contains(cluster.value());
        assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(500);
        assertProblem(api.get("/api/v1/clusters?size=501"), 400, "VALIDATION_ERROR");
    }

    @Test
    void environmentFollowsItsLifecycleAndListsUnderItsAccount() {
        String account = openAccount();
        ClusterId cluster = ClusterId.of(uniqueId("c"));
        EnvironmentId notebook = registerEnvironment(account, cluster);
        EnvironmentId idle = registerEnvironment(account, cluster);
        String path = "/api/v1/environments/" + notebook.value();
        eventually().until(() -> api.get("/api/v1/environments/" + idle.value()).status() == 200);
        assertThat(api.get("/api/v1/environments/" + idle.value()).body().path("status").asString())
                .isEqualTo("REGISTERED");

        onEnvironment(notebook, new EnvironmentStarted(notebook, AccountId.of(account), cluster, T10));
        onEnvironment(notebook, new EnvironmentResized(notebook, AccountId.of(account),
                new Resources(new BigDecimal("2.5"), 8L << 30, 1), T10.plusSeconds(60)));
        eventually().until(() -> "RUNNING".equals(api.get(path).body().path("status").asString())
                && api.get(path).body().path("gpus").asInt() == 1);
        JsonNode view = api.get(path).body();
        assertThat(view.path("accountId").asString()).isEqualTo(account);
        assertThat(view.path("clusterId").asString()).isEqualTo(cluster.value());
        assertThat(view.path("name").asString()).isEqualTo("Notebook");
        assertThat(view.path("namespace").asString()).isEqualTo("research");
        assertThat(view.path("tier").asString()).isEqualTo("gpu-small");
        assertThat(view.path("maxUptimeMinutes").asInt()).isEqualTo(480);
        assertThat(view.path("cpuCores").asString()).isEqualTo("2.5");
        assertThat(view.path("memoryBytes").asLong()).isEqualTo(8L << 30);
        assertThat(view.path("registeredAt").asString()).isEqualTo("2026-03-01T00:00:00Z");

        onEnvironment(notebook, new EnvironmentStopped(notebook, AccountId.of(account), cluster, T10.plusSeconds(120)));
        eventually().until(() -> "STOPPED".equals(api.get(path).body().path("status").asString()));
        onEnvironment(notebook, new EnvironmentDeleted(notebook, AccountId.of(account), cluster, T10.plusSeconds(180)));
        eventually().until(() -> "DELETED".equals(api.get(path).body().path("status").asString()));

        JsonNode list = api.get("/api/v1/accounts/" + account + "/environments?page=0&size=1").body();
        assertThat(list.path("total").asInt()).isEqualTo(2);
        assertThat(list.path("items").size()).isOne();
        JsonNode all = api.get("/api/v1/accounts/" + account + "/environments").body();
        assertThat(all.path("items").valueStream().map(item -> item.path("id").asString()))
                .containsExactlyInAnyOrder(notebook.value(), idle.value());
    }

    @Test
    void usageIsSummedPerHourDayAndMonth() {
        String account = openAccount();
        ClusterId cluster = ClusterId.of(uniqueId("c"));
        EnvironmentId env = EnvironmentId.of(uniqueId("env"));
        measure(cluster, account, env, T10, T10.plusSeconds(1800),
                cpu("3600"), quantity(Meter.MEMORY, Basis.USAGE, "1800"));
        measure(cluster, account, env, T10.plusSeconds(1800), T10.plusSeconds(3600), cpu("3600"));
        measure(cluster, account, env, T10.plusSeconds(3600), T10.plusSeconds(4500), cpu("900"));
        measure(cluster, account, env, at("2026-03-11T09:00:00Z"), at("2026-03-11T09:15:00Z"), cpu("1800"));
        measure(cluster, account, env, at("2026-04-01T00:00:00Z"), at("2026-04-01T00:15:00Z"), cpu("360"));
        String usage = "/api/v1/accounts/" + account + "/usage";

        eventually().until(() -> rows(api.get(usage + "?from=2026-03-01T00:00:00Z&to=2026-05-01T00:00:00Z"
                + "&granularity=month")).equals(List.of(
                "2026-03-01T00:00:00Z cpu 2.75 core-hour",
                "2026-03-01T00:00:00Z memory 0.5 gib-hour",
                "2026-04-01T00:00:00Z cpu 0.1 core-hour")));
        assertThat(rows(api.get(usage + "?from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z&granularity=hour")))
                .containsExactly(
                        "2026-03-10T10:00:00Z cpu 2 core-hour",
                        "2026-03-10T10:00:00Z memory 0.5 gib-hour",
                        "2026-03-10T11:00:00Z cpu 0.25 core-hour",
                        "2026-03-11T09:00:00Z cpu 0.5 core-hour");
        assertThat(rows(api.get(usage + "?from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z&granularity=day")))
                .containsExactly(
                        "2026-03-10T00:00:00Z cpu 2.25 core-hour",
                        "2026-03-10T00:00:00Z memory 0.5 gib-hour",
                        "2026-03-11T00:00:00Z cpu 0.5 core-hour");
        // A window counts in the period it starts in: only 10:30-11:00 starts in [10:30, 11:00).
        assertThat(rows(api.get(usage + "?from=2026-03-10T10:30:00Z&to=2026-03-10T11:00:00Z&granularity=hour")))
                .containsExactly("2026-03-10T10:00:00Z cpu 1 core-hour");
    }

    @Test
    void usageGroupedByEnvironmentKeepsEachEnvironmentApart() {
        String account = openAccount();
        ClusterId cluster = ClusterId.of(uniqueId("c"));
        EnvironmentId first = EnvironmentId.of("a-" + uniqueId("env"));
        EnvironmentId second = EnvironmentId.of("b-" + uniqueId("env"));
        measure(cluster, account, first, T10, T10.plusSeconds(900), cpu("1800"));
        measure(cluster, account, second, T10, T10.plusSeconds(900), cpu("5400"),
                quantity(Meter.EGRESS, Basis.USAGE, "3000000000"));
        String usage = "/api/v1/accounts/" + account + "/usage?from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z";

        eventually().until(() -> rows(api.get(usage + "&groupBy=environment")).equals(List.of(
                "2026-03-10T00:00:00Z cpu " + first.value() + " 0.5 core-hour",
                "2026-03-10T00:00:00Z cpu " + second.value() + " 1.5 core-hour",
                "2026-03-10T00:00:00Z egress " + second.value() + " 3 gb")));
        Api.Response byMeter = api.get(usage + "&groupBy=meter");
        assertThat(rows(byMeter)).containsExactly(
                "2026-03-10T00:00:00Z cpu 2 core-hour",
                "2026-03-10T00:00:00Z egress 3 gb");
        assertThat(byMeter.body().path("items").get(0).has("environmentId")).isFalse();
    }

    @Test
    void summaryGivesEachMeterInDisplayUnitsAndTheScrapeCoverage() {
        String account = openAccount();
        ClusterId cluster = ClusterId.of(uniqueId("c"));
        EnvironmentId env = registerEnvironment(account, cluster);
        measure(cluster, account, env, T10, T10.plusSeconds(1800),
                cpu("5400"),
                new MeteredQuantity(Meter.GPU, Basis.REQUEST, null, new BigDecimal("1800"), new BigDecimal("1800")),
                quantity(Meter.MEMORY, Basis.USAGE, "7200"),
                quantity(Meter.STORAGE, Basis.REQUEST, "43200"),
                // 2.0000005 GB: half-even keeps the even 0 where half-up would give 2.000001
                quantity(Meter.EGRESS, Basis.USAGE, "2000000500"));
        // 10:00-10:30 and 10:30-10:45 scraped; 10:45-11:30 a gap; 11:30-11:45 after the period
        scrape(cluster, "s1", T10, null, false);
        scrape(cluster, "s2", T10.plusSeconds(1800), T10, false);
        scrape(cluster, "s3", T10.plusSeconds(2700), T10.plusSeconds(1800), false);
        scrape(cluster, "s4", T10.plusSeconds(5400), T10.plusSeconds(2700), true);
        scrape(cluster, "s5", T10.plusSeconds(6300), T10.plusSeconds(5400), false);
        String summary = "/api/v1/accounts/" + account + "/usage/summary?from=2026-03-10T10:00:00Z&to=2026-03-10T11:00:00Z";

        eventually().until(() -> "0.7500".equals(api.get(summary).body().path("coverage").asString())
                && "1.5".equals(api.get(summary).body().path("cpuHours").asString()));
        JsonNode totals = api.get(summary).body();
        assertThat(totals.path("from").asString()).isEqualTo("2026-03-10T10:00:00Z");
        assertThat(totals.path("to").asString()).isEqualTo("2026-03-10T11:00:00Z");
        assertThat(totals.path("gpuHours").asString()).isEqualTo("0.5");
        assertThat(totals.path("memoryGibHours").asString()).isEqualTo("2");
        assertThat(totals.path("storageGibDays").asString()).isEqualTo("0.5");
        assertThat(totals.path("egressGb").asString()).isEqualTo("2");
        assertThat(totals.has("totalCost")).isFalse();
        // clipped to the period: 10:15-10:45 of 10:15-11:00
        assertThat(api.get("/api/v1/accounts/" + account
                + "/usage/summary?from=2026-03-10T10:15:00Z&to=2026-03-10T11:00:00Z").body().path("coverage")
                .asString()).isEqualTo("0.6667");

        // a second cluster, scraped 10:00-10:15 only: the mean of 0.75 and 0.25
        ClusterId other = ClusterId.of(uniqueId("c"));
        registerEnvironment(account, other);
        scrape(other, "s1", T10, null, false);
        scrape(other, "s2", T10.plusSeconds(900), T10, false);
        eventually().until(() -> "0.5000".equals(api.get(summary).body().path("coverage").asString()));
    }

    @Test
    void summaryWithoutEnvironmentsOrUsageIsZeroAndDefaultsToTheCurrentMonth() {
        String account = openAccount();
        String summary = "/api/v1/accounts/" + account + "/usage/summary";
        eventually().until(() -> api.get(summary).status() == 200);

        JsonNode empty = api.get(summary).body();
        LocalDate month = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
        assertThat(empty.path("from").asString()).isEqualTo(month.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        assertThat(empty.path("to").asString())
                .isEqualTo(month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        assertThat(empty.path("coverage").asString()).isEqualTo("0");
        assertThat(List.of("cpuHours", "gpuHours", "memoryGibHours", "storageGibDays", "egressGb"))
                .allSatisfy(field -> assertThat(empty.path(field).asString()).isEqualTo("0"));

        Instant monthStart = month.atStartOfDay(ZoneOffset.UTC).toInstant();
        measure(ClusterId.of(uniqueId("c")), account, EnvironmentId.of(uniqueId("env")),
                monthStart, monthStart.plusSeconds(900), cpu("900"));
        eventually().until(() -> "0.25".equals(api.get(summary).body().path("cpuHours").asString()));
    }

    @Test
    void unattributedUsageIsSummedPerNamespacePodAndReason() {
        ClusterId cluster = registerCluster();
        unattributed(cluster, "batch", "etl-1", "no labels", T10, T10.plusSeconds(900),
                cpu("1800"), quantity(Meter.MEMORY, Basis.USAGE, "3600"));
        unattributed(cluster, "batch", "etl-1", "no labels", T10.plusSeconds(900), T10.plusSeconds(1800),
                cpu("1800"));
        unattributed(cluster, "batch", "stray", "unknown environment", T10, T10.plusSeconds(900), cpu("7200"));
        unattributed(cluster, "batch", "stray", "unknown environment", at("2026-03-12T00:00:00Z"),
                at("2026-03-12T00:15:00Z"), cpu("3600"));
        String path = "/api/v1/clusters/" + cluster.value()
                + "/unattributed-usage?from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z";

        eventually().until(() -> api.get(path).body().path("items").size() == 2
                && "2".equals(api.get(path).body().path("items").get(1).path("quantities").get(0)
                .path("quantity").asString()));
        JsonNode items = api.get(path).body().path("items");
        JsonNode etl = items.get(0);
        assertThat(etl.path("namespace").asString()).isEqualTo("batch");
        assertThat(etl.path("pod").asString()).isEqualTo("etl-1");
        assertThat(etl.path("reason").asString()).isEqualTo("no labels");
        assertThat(quantities(etl)).containsExactly("cpu 1 core-hour", "memory 1 gib-hour");
        JsonNode stray = items.get(1);
        assertThat(stray.path("pod").asString()).isEqualTo("stray");
        assertThat(stray.path("reason").asString()).isEqualTo("unknown environment");
        assertThat(quantities(stray)).containsExactly("cpu 2 core-hour");
    }

    @Test
    void unknownAccountsClustersAndEnvironmentsAreNotFound() {
        String missing = uniqueId("missing");
        String period = "?from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z";

        assertProblem(api.get("/api/v1/clusters/" + missing), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/clusters/" + missing + "/unattributed-usage" + period), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/environments/" + missing), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/accounts/" + missing + "/environments"), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/accounts/" + missing + "/usage" + period), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/accounts/" + missing + "/usage/summary"), 404, "NOT_FOUND");
    }

    @Test
    void badPeriodsAndOptionsAreValidationErrorsNamingTheirFields() {
        String account = openAccount();
        String usage = "/api/v1/accounts/" + account + "/usage";
        eventually().until(() -> api.get(usage + "?from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z")
                .status() == 200);

        assertThat(fieldsAtFault(api.get(usage))).containsExactlyInAnyOrder("from", "to");
        assertThat(fieldsAtFault(api.get(usage + "?from=yesterday&to=2026-03-11T00:00:00Z")))
                .containsExactly("from");
        assertThat(fieldsAtFault(api.get(usage + "?from=2026-03-11T00:00:00Z&to=2026-03-11T00:00:00Z")))
                .containsExactly("to");
        assertThat(fieldsAtFault(api.get(usage
                + "?from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z&granularity=week&groupBy=pod")))
                .containsExactlyInAnyOrder("granularity", "groupBy");
        assertThat(fieldsAtFault(api.get(usage
                + "?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z&granularity=hour"))).containsExactly("to");
        assertThat(api.get(usage + "?from=2025-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&granularity=hour").status())
                .isEqualTo(200);
        assertThat(api.get(usage + "?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z&granularity=day").status())
                .isEqualTo(200);
        assertThat(fieldsAtFault(api.get(usage + "/summary?from=2026-13-01T00:00:00Z"))).containsExactly("from");
        assertThat(fieldsAtFault(api.get("/api/v1/clusters/" + uniqueId("c") + "/unattributed-usage?to=x")))
                .containsExactlyInAnyOrder("from", "to");
    }

    @Test
    void readModelsReplayToTheSameAnswers() {
        String account = openAccount();
        ClusterId cluster = registerCluster();
        EnvironmentId env = registerEnvironment(account, cluster);
        measure(cluster, account, env, T10, T10.plusSeconds(1800), cpu("3600"));
        scrape(cluster, "s1", T10, null, false);
        scrape(cluster, "s2", T10.plusSeconds(1800), T10, false);
        String clusterPath = "/api/v1/clusters/" + cluster.value();
        String envPath = "/api/v1/environments/" + env.value();
        String summary = "/api/v1/accounts/" + account
                + "/usage/summary?from=2026-03-10T10:00:00Z&to=2026-03-10T11:00:00Z";
        eventually().until(() -> "1".equals(api.get(summary).body().path("cpuHours").asString())
                && "0.5000".equals(api.get(summary).body().path("coverage").asString())
                && api.get(envPath).status() == 200
                && "s2".equals(api.get(clusterPath).body().path("lastScrapeId").asString()));
        JsonNode clusterView = api.get(clusterPath).body();
        JsonNode envView = api.get(envPath).body();
        JsonNode totals = api.get(summary).body();

        // Spoil each read model: a replay must start from empty tables, not write over what is there.
        db.update(CLUSTER).set(CLUSTER.NAME, "spoilt").where(CLUSTER.ID.eq(cluster.value())).execute();
        db.update(ENVIRONMENT).set(ENVIRONMENT.NAME, "spoilt").where(ENVIRONMENT.ID.eq(env.value())).execute();
        db.update(USAGE).set(USAGE.QUANTITY, BigDecimal.ZERO).where(USAGE.ACCOUNT_ID.eq(account)).execute();

        List.of(ClusterProjection.PROCESSING_GROUP, EnvironmentProjection.PROCESSING_GROUP,
                UsageProjection.PROCESSING_GROUP).forEach(group -> ReadModels.replay(processing, group));

        eventually().untilAsserted(() -> {
            assertThat(api.get(clusterPath).body()).isEqualTo(clusterView);
            assertThat(api.get(envPath).body()).isEqualTo(envView);
            assertThat(api.get(summary).body()).isEqualTo(totals);
        });
    }

    // --- events, as the aggregates append them

    private ClusterId registerCluster() {
        ClusterId cluster = ClusterId.of(uniqueId("c"));
        onCluster(cluster, new ClusterRegistered(cluster, "Lab cluster", "https://k8s.lab.example:6443",
                "external", 10, 900, at("2026-03-01T00:00:00Z")));
        return cluster;
    }

    private EnvironmentId registerEnvironment(String account, ClusterId cluster) {
        EnvironmentId env = EnvironmentId.of(uniqueId("env"));
        onEnvironment(env, new EnvironmentRegistered(env, AccountId.of(account), cluster, "Notebook", "research",
                "gpu-small", 480, at("2026-03-01T00:00:00Z")));
        return env;
    }

    private void scrape(ClusterId cluster, String scrapeId, Instant takenAt, Instant previousTakenAt, boolean gap) {
        onCluster(cluster, new ScrapeRecorded(cluster, scrapeId, takenAt, null, previousTakenAt, List.of(), POLICY,
                new ScrapeResult(scrapeId, takenAt, 3, 1, 0, gap, false)));
    }

    private void measure(ClusterId cluster, String account, EnvironmentId env, Instant from, Instant to,
                         MeteredQuantity... quantities) {
        onCluster(cluster, new UsageMeasured(cluster, AccountId.of(account), env, from, to,
                Arrays.asList(quantities), List.of("s"), false));
    }

    private void unattributed(ClusterId cluster, String namespace, String pod, String reason, Instant from,
                              Instant to, MeteredQuantity... quantities) {
        onCluster(cluster, new UnattributedUsageMeasured(cluster, namespace, pod, pod + "-uid", reason, from, to,
                Arrays.asList(quantities), List.of("s"), false));
    }

    private static MeteredQuantity cpu(String coreSeconds) {
        return quantity(Meter.CPU, Basis.USAGE, coreSeconds);
    }

    private static MeteredQuantity quantity(Meter meter, Basis basis, String baseUnits) {
        BigDecimal amount = new BigDecimal(baseUnits);
        return new MeteredQuantity(meter, basis, amount, null, amount);
    }

    private void onCluster(ClusterId cluster, Object payload) {
        events.append("Cluster", cluster.aggregateId(), payload);
    }

    private void onEnvironment(EnvironmentId env, Object payload) {
        events.append("Environment", env.aggregateId(), payload);
    }

    // --- reading the API

    private String openAccount() {
        String id = uniqueId("acc");
        Api.Response created = api.post("/api/v1/accounts", """
                {"id":"%s","email":"ops@%s.example","name":"Metered","currency":"EUR","billingMode":"POSTPAID"}
                """.formatted(id, id));
        assertThat(created.status()).isEqualTo(201);
        eventually().until(() -> api.get("/api/v1/accounts/" + id).status() == 200);
        return id;
    }

    /** Each usage item as "start meter [environment] quantity unit". */
    private static List<String> rows(Api.Response response) {
        assertThat(response.status()).isEqualTo(200);
        return response.body().path("items").valueStream()
                .map(item -> item.path("start").asString() + " " + item.path("meter").asString()
                        + (item.has("environmentId") ? " " + item.path("environmentId").asString() : "")
                        + " " + item.path("quantity").asString() + " " + item.path("unit").asString())
                .toList();
    }

    private static List<String> quantities(JsonNode pod) {
        return pod.path("quantities").valueStream()
                .map(q -> q.path("meter").asString() + " " + q.path("quantity").asString() + " "
                        + q.path("unit").asString())
                .toList();
    }

    private static List<String> fieldsAtFault(Api.Response response) {
        assertProblem(response, 400, "VALIDATION_ERROR");
        return response.fieldsAtFault();
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response.raw().uri()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asString()).isEqualTo(code);
    }


    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}

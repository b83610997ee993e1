package dev.tally.app.support;

import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account with one environment on a cluster of its own, set up over HTTP as an admin does, and scrapes of its
 * pods pushed as an external collector pushes them. Each has its own cluster, so its scrapes are ordered by itself
 * alone.
 */
public final class MeteredAccount {

    private static final String NAMESPACE = "research";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Api api;
    private final String id;
    private final String cluster;
    private final String environment;

    private MeteredAccount(Api api, String id, String cluster, String environment) {
        this.api = api;
        this.id = id;
        this.cluster = cluster;
        this.environment = environment;
    }

    /** An EUR account in {@code billingMode} priced with {@code priceBookId}, on a cluster scraped at that interval. */
    public static MeteredAccount open(Api api, String billingMode, String priceBookId, int scrapeIntervalSeconds) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        MeteredAccount metered = new MeteredAccount(api, "acc-" + suffix, "cluster-" + suffix, "env-" + suffix);
        assertThat(api.post("/api/v1/clusters", """
                {"id":"%s","name":"Research","apiUrl":"https://k8s.example:6443","credentialsRef":"external",
                 "maxAccounts":10,"scrapeIntervalSeconds":%d}""".formatted(metered.cluster, scrapeIntervalSeconds))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"ops@%s.example","name":"Metered","currency":"EUR","billingMode":"%s",
                 "priceBookId":"%s"}""".formatted(metered.id, metered.id, billingMode, priceBookId))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + metered.id + "/cluster-assignment",
                "{\"clusterId\":\"" + metered.cluster + "\"}").status()).isEqualTo(204);
        assertThat(api.post("/api/v1/environments", """
                {"id":"%s","accountId":"%s","clusterId":"%s","name":"Notebook","namespace":"%s"}"""
                .formatted(metered.environment, metered.id, metered.cluster, NAMESPACE)).status()).isEqualTo(201);
        return metered;
    }

    public String id() {
        return id;
    }

    public String cluster() {
        return cluster;
    }

    public String environment() {
        return environment;
    }

    /** Pushes a scrape of {@code pods} taken at {@code takenAt}; the engine accepts it (202). */
    public void scrape(String scrapeId, Instant takenAt, Pod... pods) {
        Map<String, Object> body = Map.of("scrapeId", scrapeId, "takenAt", takenAt.toString(),
                "pods", Arrays.stream(pods).map(pod -> pod.body(NAMESPACE, id, environment)).toList());
        Api.Response response = api.post("/api/v1/clusters/" + cluster + "/scrapes", JSON.writeValueAsString(body));
        assertThat(response.status()).as("scrape %s: %s", scrapeId, response.body()).isEqualTo(202);
    }

    /** GET of a path under the account, e.g. {@code /balance}. */
    public Api.Response get(String path) {
        return api.get("/api/v1/accounts/" + id + path);
    }
}

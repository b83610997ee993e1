package dev.tally.app.metering;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.integrations.kubernetes.MockCluster;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin's connection test and "scrape now", against a mock Kubernetes API server serving real shapes. */
class ClusterCollectionApiTest extends EngineTest {

    private final KubernetesMockServer kubernetes = new KubernetesMockServer(false);
    private Api api;

    @BeforeEach
    void startCluster() {
        kubernetes.init();
        MockCluster.serve(kubernetes);
        api = api();
    }

    @AfterEach
    void stopCluster() {
        kubernetes.destroy();
    }

    private String register(String apiUrl) {
        String id = uniqueId("k8s");
        assertThat(api.post("/api/v1/clusters", """
                {"id":"%s","name":"Lab","apiUrl":"%s","maxAccounts":5,"scrapeIntervalSeconds":60}"""
                .formatted(id, apiUrl)).status()).isEqualTo(201);
        // The collector finds clusters in the read model, which follows the registration within moments.
        eventually().until(() -> api.get("/api/v1/clusters/" + id).status() == 200);
        return id;
    }

    @Test
    void connectionTestAndScrapeNowReachTheClustersApiServer() {
        String cluster = register(kubernetes.url("/"));

        Api.Response test = api.post("/api/v1/clusters/" + cluster + "/connection-test", null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body().path("reachable").asBoolean()).isTrue();
        assertThat(test.body().path("serverVersion").asString()).isEqualTo("v1.30.2");
        assertThat(test.body().path("nodes").asInt()).isEqualTo(MockCluster.NODES.size());

        eventually().untilAsserted(() -> {
            Api.Response scraped = api.post("/api/v1/clusters/" + cluster + "/collect", null);
            assertThat(scraped.status()).isEqualTo(200);
            assertThat(scraped.body().path("pods").asInt()).isEqualTo(MockCluster.SAMPLES.size());
        });
        eventually().untilAsserted(() -> {
            var view = api.get("/api/v1/clusters/" + cluster).body();
            assertThat(view.path("nodes").asInt()).isEqualTo(MockCluster.NODES.size());
            assertThat(view.path("lastScrapeId").asString()).startsWith(cluster + "-");
        });
    }

    @Test
    void anUnreachableClusterIsReportedNotAFault() {
        String cluster = register("http://127.0.0.1:1");

        Api.Response test = api.post("/api/v1/clusters/" + cluster + "/connection-test", null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body().path("reachable").asBoolean()).isFalse();
        assertThat(test.body().path("error").asString()).contains("could not connect");

        eventually().untilAsserted(() -> {
            Api.Response collect = api.post("/api/v1/clusters/" + cluster + "/collect", null);
            assertThat(collect.status()).isEqualTo(503);
            assertThat(collect.body().path("code").asString()).isEqualTo("UNAVAILABLE");
        });
    }
}

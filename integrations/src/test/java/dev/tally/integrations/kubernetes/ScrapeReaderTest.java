package dev.tally.integrations.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

@EnableKubernetesMockClient(https = false)
class ScrapeReaderTest {

    KubernetesMockServer server;

    @Test
    void readsEachRunningPodFromItsSpecAndItsNodesKubeletStats() {
        MockCluster.serve(server);

        ClusterScrape scrape = read();

        assertThat(scrape.pods()).containsExactlyElementsOf(MockCluster.SAMPLES);
        assertThat(scrape.nodes()).containsExactlyElementsOf(MockCluster.NODES);
    }

    @Test
    void leavesOutThePodsOfANodeWhoseKubeletCannotBeRead() {
        MockCluster.serve(server);

        ClusterScrape scrape = read();

        assertThat(scrape.nodesWithoutStats()).containsExactly(
                entry("cpu-node-2", "the API server answered with an error (HTTP 503): " + MockCluster.KUBELET_DOWN));
        assertThat(scrape.podsLeftOut()).isEqualTo(1);
        assertThat(scrape.pods()).extracting(sample -> sample.name()).doesNotContain("api-0");
    }

    @Test
    void noKubeletStatsAtAllIsAFailureNotAnEmptyScrape() {
        MockCluster.serve(server, false);

        assertThatThrownBy(this::read)
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("no kubelet stats could be read from any of the 2 nodes; cpu-node-2: the API server "
                        + "answered with an error (HTTP 503): " + MockCluster.KUBELET_DOWN);
    }

    private ClusterScrape read() {
        try (KubernetesClient client = new ClusterConnections().open(server.url("/"), null)) {
            return new ScrapeReader().read(client);
        }
    }
}

package dev.tally.integrations.kubernetes;

import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(https = false)
class ConnectionTesterTest {

    KubernetesMockServer server;

    private final ConnectionTester tester = new ConnectionTester(null, new ClusterConnections());

    @Test
    void reportsTheVersionNodesAndPodsOfAReachableCluster() {
        MockCluster.serve(server);

        assertThat(tester.test(server.url("/"), null))
                .isEqualTo(new ConnectionReport(true, "v1.30.2", 2, 5, null));
    }

    @Test
    void anUnreachableClusterIsAnAnswerWithTheReason() {
        ConnectionReport report = tester.test("http://127.0.0.1:1", null);

        assertThat(report.reachable()).isFalse();
        assertThat(report.serverVersion()).isNull();
        assertThat(report.nodes()).isNull();
        assertThat(report.pods()).isNull();
        assertThat(report.error()).startsWith("could not connect: ").containsIgnoringCase("connection refused")
                .doesNotContain("\n");
    }

    @Test
    void credentialsThatCannotReadKubeletStatsFailTheTest() {
        MockCluster.serve(server, false);

        assertThat(tester.test(server.url("/"), null)).isEqualTo(new ConnectionReport(false, "v1.30.2", 2, 5,
                "kubelet stats cannot be read: the credentials are not allowed to read this (HTTP 403): "
                        + MockCluster.FORBIDDEN));
    }

    @Test
    void unusableCredentialsAreReportedBeforeAnyConnection() {
        assertThat(tester.test("https://k8s.example.invalid:6443", "token-file:/nonexistent/token"))
                .isEqualTo(new ConnectionReport(false, null, null, null,
                        "token file /nonexistent/token does not exist or cannot be read"));
    }
}

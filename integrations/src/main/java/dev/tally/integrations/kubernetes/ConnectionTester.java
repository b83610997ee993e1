package dev.tally.integrations.kubernetes;

import dev.tally.api.ClusterId;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.stereotype.Component;

/**
 * Tries the reads a collection makes, one of each: the server's version, nodes, pods, and one node's kubelet stats
 * (the permission most often missing). An unreachable cluster is an answer, not an error.
 */
@Component
public class ConnectionTester {

    private final ClusterDirectory clusters;
    private final ClusterConnections connections;

    public ConnectionTester(ClusterDirectory clusters, ClusterConnections connections) {
        this.clusters = clusters;
        this.connections = connections;
    }

    /** NOT_FOUND for an unknown or deregistered cluster. */
    public ConnectionReport test(ClusterId clusterId) {
        ClusterTarget cluster = clusters.requireActive(clusterId);
        return test(cluster.apiUrl(), cluster.credentialsRef());
    }

    ConnectionReport test(String apiUrl, String credentialsRef) {
        String version = null;
        Integer nodes = null;
        Integer pods = null;
        try (KubernetesClient client = connections.open(apiUrl, credentialsRef)) {
            version = client.getKubernetesVersion().getGitVersion();
            NodeList nodeList = client.nodes().list();
            nodes = nodeList.getItems().size();
            pods = client.pods().inAnyNamespace().list().getItems().size();
            if (!nodeList.getItems().isEmpty()) {
                String node = nodeList.getItems().getFirst().getMetadata().getName();
                if (client.raw("/api/v1/nodes/" + node + "/proxy/stats/summary") == null) {
                    return new ConnectionReport(false, version, nodes, pods,
                            "kubelet stats of node " + node + " cannot be read: not found (HTTP 404)");
                }
            }
            return ConnectionReport.reachable(version, nodes, pods);
        } catch (ClusterAccessException | KubernetesClientException e) {
            String step = version == null ? "" : nodes == null ? "nodes cannot be listed: "
                    : pods == null ? "pods cannot be listed: " : "kubelet stats cannot be read: ";
            return new ConnectionReport(false, version, nodes, pods, step + ConnectionErrors.describe(e));
        }
    }
}

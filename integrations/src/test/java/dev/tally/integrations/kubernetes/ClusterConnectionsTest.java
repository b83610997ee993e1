package dev.tally.integrations.kubernetes;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building a client's configuration from a credentials reference; nothing here connects anywhere. */
class ClusterConnectionsTest {

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: dev
              cluster:
                server: https://dev.k8s.example:6443
                insecure-skip-tls-verify: true
            - name: prod
              cluster:
                server: https://prod.k8s.example:6443
            contexts:
            - name: dev
              context: {cluster: dev, user: dev-admin}
            - name: prod
              context: {cluster: prod, user: tally-collector}
            current-context: dev
            users:
            - name: dev-admin
              user: {token: dev-token}
            - name: tally-collector
              user: {token: prod-token}
            """;

    @TempDir
    Path dir;

    private final ClusterConnections connections = new ClusterConnections(name -> null, Path.of("/nonexistent"));

    @Test
    void noReferenceMeansTheApiUrlWithoutCredentials() {
        Config config = connections.config("http://127.0.0.1:8001", null);

        assertThat(config.getMasterUrl()).startsWith("http://127.0.0.1:8001");
        assertThat(config.getOauthToken()).isNull();
        assertThat(config.getAutoOAuthToken()).isNull();
        assertThat(config.getRequestRetryBackoffLimit()).isEqualTo(1);
    }

    @Test
    void aTokenFileIsABearerTokenForTheApiUrl() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "  eyJhbGciOi.collector\n");

        Config config = connections.config("https://k8s.example:6443", "token-file:" + token);

        assertThat(config.getMasterUrl()).startsWith("https://k8s.example:6443");
        assertThat(config.getOauthToken()).isEqualTo("eyJhbGciOi.collector");
    }

    @Test
    void aKubeconfigContextNamesTheServerAndUser() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("config"), KUBECONFIG);

        Config prod = connections.config("https://ignored.example", "kubeconfig:" + kubeconfig + "#prod");
        Config current = connections.config("https://ignored.example", "kubeconfig:" + kubeconfig);

        assertThat(prod.getMasterUrl()).startsWith("https://prod.k8s.example:6443");
        assertThat(prod.getAutoOAuthToken()).isEqualTo("prod-token");
        assertThat(current.getMasterUrl()).startsWith("https://dev.k8s.example:6443");
        assertThat(current.getRequestRetryBackoffLimit()).isEqualTo(1);
    }

    @Test
    void aMissingContextIsRefusedRatherThanFallingBackToAnotherCluster() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("config"), KUBECONFIG);

        assertThatThrownBy(() -> connections.config("https://k8s.example", "kubeconfig:" + kubeconfig + "#staging"))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("kubeconfig " + kubeconfig + " has no context \"staging\"");
    }

    @Test
    void inClusterUsesThePodsServiceAccount() throws IOException {
        Path account = Files.createDirectory(dir.resolve("serviceaccount"));
        Files.writeString(account.resolve("token"), "sa-token\n");
        Files.writeString(account.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443");

        Config config = new ClusterConnections(env::get, account).config("https://ignored.example", "in-cluster");

        assertThat(config.getMasterUrl()).startsWith("https://10.96.0.1:443");
        assertThat(config.getOauthToken()).isEqualTo("sa-token");
        assertThat(config.getCaCertFile()).isEqualTo(account.resolve("ca.crt").toString());
    }

    @Test
    void unusableReferencesSayWhatIsWrong() {
        assertThatThrownBy(() -> connections.config("https://k8s.example", "in-cluster"))
                .hasMessage("in-cluster credentials need KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, "
                        + "which are set only inside a pod");
        assertThatThrownBy(() -> connections.config("https://k8s.example", "kubeconfig:/nonexistent/config"))
                .hasMessage("kubeconfig /nonexistent/config does not exist or cannot be read");
        assertThatThrownBy(() -> connections.config("https://k8s.example", "token-file:"))
                .hasMessage("credentialsRef \"token-file:\" names no file; expected "
                        + "kubeconfig:/path[#context], in-cluster, token-file:/path or external");
        assertThatThrownBy(() -> connections.config("https://k8s.example", "vault:secret/k8s"))
                .isInstanceOf(ClusterAccessException.class)
                .hasMessage("credentialsRef \"vault:secret/k8s\" is not one of "
                        + "kubeconfig:/path[#context], in-cluster, token-file:/path or external");
        assertThatThrownBy(() -> connections.config("https://k8s.example", "external"))
                .hasMessage("an external collector feeds this cluster (credentialsRef \"external\"): there are no "
                        + "credentials to connect with");
    }
}

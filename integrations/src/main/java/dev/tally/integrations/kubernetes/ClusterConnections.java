package dev.tally.integrations.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.NamedContext;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Opens a client to a cluster from its API URL and credentials reference (see {@link CredentialsRef}). A client is
 * opened per collection and closed after it, so a rotated token or kubeconfig is read afresh each time.
 *
 * <p>Nothing is auto-detected: fabric8 would otherwise fall back to the engine's own ~/.kube/config or service
 * account and scrape a cluster nobody registered. fabric8's own retries are cut to one quick attempt; the
 * collection schedule owns retrying, with its backoff.
 */
@Component
public class ClusterConnections {

    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int REQUEST_TIMEOUT_MILLIS = 30_000;
    private static final int RETRIES = 1;

    private final UnaryOperator<String> environment;
    private final Path serviceAccount;

    public ClusterConnections() {
        this(System::getenv, SERVICE_ACCOUNT);
    }

    /** For tests: where in-cluster settings come from. */
    ClusterConnections(UnaryOperator<String> environment, Path serviceAccount) {
        this.environment = environment;
        this.serviceAccount = serviceAccount;
    }

    /** The caller closes the client. Throws {@link ClusterAccessException} when the credentials cannot be used. */
    public KubernetesClient open(String apiUrl, String credentialsRef) {
        return new KubernetesClientBuilder().withConfig(config(apiUrl, credentialsRef)).build();
    }

    Config config(String apiUrl, String credentialsRef) {
        Config config = switch (CredentialsRef.parse(credentialsRef)) {
            case CredentialsRef.None none -> new ConfigBuilder(Config.empty()).withMasterUrl(required(apiUrl)).build();
            case CredentialsRef.TokenFile tokenFile -> new ConfigBuilder(Config.empty())
                    .withMasterUrl(required(apiUrl))
                    .withOauthToken(readToken(tokenFile.file(), "token file"))
                    .build();
            case CredentialsRef.InCluster inCluster -> inCluster();
            case CredentialsRef.Kubeconfig kubeconfig -> fromKubeconfig(kubeconfig);
            case CredentialsRef.External external -> throw new ClusterAccessException("an external collector feeds "
                    + "this cluster (credentialsRef \"external\"): there are no credentials to connect with");
        };
        config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        config.setRequestTimeout(REQUEST_TIMEOUT_MILLIS);
        config.setRequestRetryBackoffLimit(RETRIES);
        return config;
    }

    /** Without one, fabric8 would default to https://kubernetes.default.svc: whichever cluster that is. */
    private static String required(String apiUrl) {
        if (apiUrl == null || apiUrl.isBlank()) {
            throw new ClusterAccessException("the cluster has no API URL");
        }
        return apiUrl;
    }

    private Config inCluster() {
        String host = environment.apply("KUBERNETES_SERVICE_HOST");
        String port = environment.apply("KUBERNETES_SERVICE_PORT");
        if (host == null || port == null) {
            throw new ClusterAccessException("in-cluster credentials need KUBERNETES_SERVICE_HOST and "
                    + "KUBERNETES_SERVICE_PORT, which are set only inside a pod");
        }
        String hostPort = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        ConfigBuilder config = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPort)
                .withOauthToken(readToken(serviceAccount.resolve("token"), "service account token"));
        Path ca = serviceAccount.resolve("ca.crt");
        if (Files.isRegularFile(ca)) {
            config.withCaCertFile(ca.toString());
        }
        return config.build();
    }

    private static Config fromKubeconfig(CredentialsRef.Kubeconfig ref) {
        if (!Files.isReadable(ref.file())) {
            throw new ClusterAccessException("kubeconfig " + ref.file() + " does not exist or cannot be read");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(ref.context(), ref.file().toFile());
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new ClusterAccessException("kubeconfig " + ref.file() + " cannot be parsed: "
                    + ConnectionErrors.describe(e));
        }
        // fabric8 falls back to the current context when the one asked for is missing: that would be another cluster.
        NamedContext current = config.getCurrentContext();
        if (ref.context() != null && (current == null || !ref.context().equals(current.getName()))) {
            throw new ClusterAccessException("kubeconfig " + ref.file() + " has no context \"" + ref.context() + "\"");
        }
        if (current == null) {
            throw new ClusterAccessException("kubeconfig " + ref.file() + " has no current context; name one as "
                    + "kubeconfig:" + ref.file() + "#context");
        }
        return config;
    }

    private static String readToken(Path file, String what) {
        String token;
        try {
            token = Files.readString(file).strip();
        } catch (IOException e) {
            throw new ClusterAccessException(what + " " + file + " does not exist or cannot be read");
        }
        if (token.isEmpty()) {
            throw new ClusterAccessException(what + " " + file + " is empty");
        }
        return token;
    }
}

package dev.tally.integrations.kubernetes;

import dev.tally.api.cluster.Node;
import dev.tally.api.metering.PodSample;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeListBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimListBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small, realistic cluster served by fabric8's mock server in expectations mode: a GPU node whose kubelet answers
 * with a recorded stats summary, and a CPU node whose kubelet cannot be reached through the API server's proxy.
 *
 * <p>On gpu-node-1: team-a/trainer-0 (two containers, a GPU, a bound 100Gi claim), team-b/notebook-7f9c-0 (a
 * generic ephemeral volume whose claim is not bound in the API yet, two network interfaces), team-b/queued-job
 * (Pending) and team-a/trainer-old (Succeeded, still in the kubelet's stats). On cpu-node-2: team-c/api-0.
 */
public final class MockCluster {

    static final String GPU_NODE_STATS = "/api/v1/nodes/gpu-node-1/proxy/stats/summary";
    static final String CPU_NODE_STATS = "/api/v1/nodes/cpu-node-2/proxy/stats/summary";
    static final String KUBELET_DOWN = "error trying to reach service: dial tcp 10.0.1.12:10250: connect: "
            + "connection refused";

    static final String FORBIDDEN = "nodes \"gpu-node-1\" is forbidden: User \"system:serviceaccount:tally:collector\" "
            + "cannot get resource \"nodes/proxy\" in API group \"\" at the cluster scope";

    private MockCluster() {
    }

    /** The samples and nodes a scrape of this cluster must produce, exactly. */
    public static final List<PodSample> SAMPLES = List.of(
            new PodSample("team-a", "trainer-0", "0b6f8a8e-3c1f-4c55-9a51-2f4d8c7e1a01",
                    Map.of("app", "trainer", "tally.dev/account", "acme", "tally.dev/environment", "env-train"),
                    Instant.parse("2024-05-01T08:00:00Z"),
                    7_265_432_109_876L, 6_480_199_680L, 987_654_321L, 123_456_789L,
                    // 2 + 250m cores, 8Gi + 256Mi, one GPU
                    new PodSample.Requests(new BigDecimal("2.25"), 8_858_370_048L, 1),
                    // the claim's 100Gi, not the kubelet's view of the filesystem (105089261568)
                    List.of(new PodSample.Volume("trainer-data", 107_374_182_400L))),
            new PodSample("team-b", "notebook-7f9c-0", "5d2e9c41-7a3b-4f08-b1c6-93e0d4a2f702",
                    Map.of("app", "notebook", "tally.dev/account", "globex", "tally.dev/environment", "env-nb"),
                    Instant.parse("2024-05-01T08:30:00Z"),
                    42_000_000_000L, 536_870_912L,
                    // no default-interface totals: eth0 + net1
                    1_300L, 2_400L,
                    new PodSample.Requests(new BigDecimal("0.5"), 1_073_741_824L, 0),
                    // the claim is not bound in the API yet: the kubelet's capacity
                    List.of(new PodSample.Volume("notebook-7f9c-0-scratch", 10_737_418_240L))));

    public static final List<Node> NODES = List.of(
            // 3920m, 15335916Ki
            new Node("cpu-node-2", new BigDecimal("3.92"), 15_703_977_984L, 0),
            // 7910m, 31792468Ki, 4 GPUs
            new Node("gpu-node-1", new BigDecimal("7.91"), 32_555_487_232L, 4));

    public static void serve(KubernetesMockServer server) {
        serve(server, true);
    }

    /** Without kubelet access, both nodes' stats are forbidden, as they are when RBAC lacks nodes/proxy. */
    static void serve(KubernetesMockServer server, boolean kubeletAccess) {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("30").withGitVersion("v1.30.2")
                .build());
        server.expect().get().withPath("/api/v1/nodes").andReturn(200, new NodeListBuilder()
                .addToItems(node("gpu-node-1", "7910m", "31792468Ki", "4"))
                .addToItems(node("cpu-node-2", "3920m", "15335916Ki", null))
                .build()).always();
        server.expect().get().withPath("/api/v1/pods").andReturn(200, new PodListBuilder()
                .addToItems(trainer(), notebook(), queuedJob(), finishedTrainer(), api())
                .build()).always();
        server.expect().get().withPath("/api/v1/persistentvolumeclaims").andReturn(200,
                new PersistentVolumeClaimListBuilder()
                        .addNewItem()
                        .withNewMetadata().withName("trainer-data").withNamespace("team-a").endMetadata()
                        .withNewStatus().withPhase("Bound").addToCapacity("storage", new Quantity("100Gi"))
                        .endStatus()
                        .endItem()
                        .addToItems(new PersistentVolumeClaimBuilder()
                                .withNewMetadata().withName("notebook-7f9c-0-scratch").withNamespace("team-b")
                                .endMetadata()
                                .withNewStatus().withPhase("Pending").endStatus()
                                .build())
                        .build()).always();
        if (kubeletAccess) {
            server.expect().get().withPath(GPU_NODE_STATS).andReturn(200, resource("gpu-node-1-stats-summary.json"))
                    .always();
        } else {
            server.expect().get().withPath(GPU_NODE_STATS).andReturn(403, new StatusBuilder()
                    .withStatus("Failure").withCode(403).withReason("Forbidden").withMessage(FORBIDDEN).build())
                    .always();
        }
        server.expect().get().withPath(CPU_NODE_STATS).andReturn(503, new StatusBuilder()
                .withStatus("Failure").withCode(503).withReason("ServiceUnavailable").withMessage(KUBELET_DOWN)
                .build()).always();
    }

    private static io.fabric8.kubernetes.api.model.Node node(String name, String cpu, String memory, String gpus) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity(cpu))
                .addToAllocatable("memory", new Quantity(memory))
                .addToAllocatable("pods", new Quantity("110"))
                .addToCapacity("cpu", new Quantity("8"))
                .endStatus();
        if (gpus != null) {
            node.editStatus().addToAllocatable("nvidia.com/gpu", new Quantity(gpus)).endStatus();
        }
        return node.build();
    }

    private static Pod trainer() {
        return new PodBuilder()
                .withNewMetadata().withName("trainer-0").withNamespace("team-a")
                .withUid("0b6f8a8e-3c1f-4c55-9a51-2f4d8c7e1a01")
                .withLabels(Map.of("app", "trainer", "tally.dev/account", "acme",
                        "tally.dev/environment", "env-train"))
                .endMetadata()
                .withNewSpec().withNodeName("gpu-node-1")
                .addNewContainer().withName("trainer").withImage("registry.example/trainer:1.4")
                .withNewResources()
                .addToRequests("cpu", new Quantity("2"))
                .addToRequests("memory", new Quantity("8Gi"))
                .addToRequests("nvidia.com/gpu", new Quantity("1"))
                .addToLimits("nvidia.com/gpu", new Quantity("1"))
                .endResources()
                .endContainer()
                .addNewContainer().withName("log-shipper").withImage("fluent/fluent-bit:3.0")
                .withNewResources()
                .addToRequests("cpu", new Quantity("250m"))
                .addToRequests("memory", new Quantity("256Mi"))
                .endResources()
                .endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("trainer-data")
                .endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("kube-api-access-7xq2m").withNewProjected().endProjected().endVolume()
                .endSpec()
                .withNewStatus().withPhase("Running").withStartTime("2024-05-01T08:00:00Z").endStatus()
                .build();
    }

    private static Pod notebook() {
        return new PodBuilder()
                .withNewMetadata().withName("notebook-7f9c-0").withNamespace("team-b")
                .withUid("5d2e9c41-7a3b-4f08-b1c6-93e0d4a2f702")
                .withLabels(Map.of("app", "notebook", "tally.dev/account", "globex",
                        "tally.dev/environment", "env-nb"))
                .endMetadata()
                .withNewSpec().withNodeName("gpu-node-1")
                .addNewContainer().withName("jupyter").withImage("jupyter/base-notebook:2024-04")
                .withNewResources()
                .addToRequests("cpu", new Quantity("500m"))
                .addToRequests("memory", new Quantity("1Gi"))
                .endResources()
                .endContainer()
                .addNewContainer().withName("git-sync").withImage("registry.k8s.io/git-sync:v4.2.1").endContainer()
                .addNewVolume().withName("scratch").withNewEphemeral().endEphemeral().endVolume()
                .endSpec()
                .withNewStatus().withPhase("Running").withStartTime("2024-05-01T08:30:00Z").endStatus()
                .build();
    }

    private static Pod queuedJob() {
        return new PodBuilder()
                .withNewMetadata().withName("queued-job").withNamespace("team-b")
                .withUid("c3d4e5f6-1111-4a2b-9c3d-4e5f6a7b8c03").endMetadata()
                .withNewSpec().addNewContainer().withName("job").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
    }

    private static Pod finishedTrainer() {
        return new PodBuilder()
                .withNewMetadata().withName("trainer-old").withNamespace("team-a")
                .withUid("9a8b7c6d-0000-4e5f-8a9b-0c1d2e3f4a98").endMetadata()
                .withNewSpec().withNodeName("gpu-node-1")
                .addNewContainer().withName("trainer").withImage("registry.example/trainer:1.3").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Succeeded").withStartTime("2024-04-30T22:00:00Z").endStatus()
                .build();
    }

    private static Pod api() {
        return new PodBuilder()
                .withNewMetadata().withName("api-0").withNamespace("team-c")
                .withUid("e1f2a3b4-2222-4c5d-8e9f-0a1b2c3d4e05").endMetadata()
                .withNewSpec().withNodeName("cpu-node-2")
                .addNewContainer().withName("api").withImage("registry.example/api:7").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withStartTime("2024-05-01T07:00:00Z").endStatus()
                .build();
    }

    static String resource(String name) {
        try (InputStream in = MockCluster.class.getResourceAsStream("/kubernetes/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

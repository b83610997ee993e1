package dev.tally.integrations.kubernetes;

import dev.tally.api.cluster.Node;
import dev.tally.api.metering.PodSample;
import dev.tally.integrations.kubernetes.KubeletSummary.PodStats;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a cluster as a scrape sees it: the nodes and their allocatable capacity, and a sample of each running pod
 * made of its spec (requests, claims, labels) and its node's kubelet stats, read through the API server's node
 * proxy. Needs RBAC to list nodes, pods and persistentvolumeclaims and to get nodes/proxy.
 *
 * <p>A pod whose usage could not be read is left out rather than sent without counters: the Cluster aggregate
 * keeps its last sample as the baseline, so the next scrape that reads it still bills the exact counter delta.
 */
@Component
public class ScrapeReader {

    private static final String RUNNING = "Running";

    public ClusterScrape read(KubernetesClient client) {
        List<io.fabric8.kubernetes.api.model.Node> nodes = client.nodes().list().getItems();
        List<Pod> running = client.pods().inAnyNamespace().list().getItems().stream()
                .filter(ScrapeReader::isRunning)
                .toList();
        Map<String, Long> claimCapacity = claimCapacities(client);
        NodeStats stats = readStats(client, nodes);
        if (!running.isEmpty() && stats.pods().isEmpty() && !stats.failures().isEmpty()) {
            // Usually RBAC without nodes/proxy: an empty scrape would look like an idle cluster.
            Map.Entry<String, String> first = stats.failures().entrySet().iterator().next();
            throw new ClusterAccessException("no kubelet stats could be read from any of the " + nodes.size()
                    + " nodes; " + first.getKey() + ": " + first.getValue());
        }

        List<PodSample> samples = new ArrayList<>();
        for (Pod pod : running) {
            PodStats podStats = stats.pods().get(pod.getMetadata().getUid());
            if (podStats != null) {
                samples.add(sample(pod, podStats, claimCapacity));
            }
        }
        samples.sort(Comparator.comparing(PodSample::namespace).thenComparing(PodSample::name));
        List<Node> capacity = nodes.stream()
                .map(ScrapeReader::capacity)
                .sorted(Comparator.comparing(Node::name))
                .toList();
        return new ClusterScrape(List.copyOf(samples), capacity, stats.failures(), running.size() - samples.size());
    }

    private static boolean isRunning(Pod pod) {
        return pod.getStatus() != null && RUNNING.equals(pod.getStatus().getPhase())
                && pod.getStatus().getStartTime() != null;
    }

    /** Each pod's stats by uid, and why a node had none. */
    private record NodeStats(Map<String, PodStats> pods, Map<String, String> failures) {
    }

    /** One request per node through the API server; on virtual threads, so a slow kubelet does not hold up the rest. */
    private static NodeStats readStats(KubernetesClient client, List<io.fabric8.kubernetes.api.model.Node> nodes) {
        Map<String, Future<KubeletSummary>> summaries = new TreeMap<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var node : nodes) {
                String name = node.getMetadata().getName();
                summaries.put(name, executor.submit(() -> summary(client, name)));
            }
        }
        Map<String, PodStats> pods = new HashMap<>();
        Map<String, String> failures = new TreeMap<>();
        summaries.forEach((node, summary) -> {
            try {
                summary.get().pods().stream()
                        .filter(stats -> stats.podRef() != null && stats.podRef().uid() != null)
                        .forEach(stats -> pods.put(stats.podRef().uid(), stats));
            } catch (ExecutionException e) {
                failures.put(node, ConnectionErrors.describe(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterAccessException("interrupted while reading kubelet stats");
            }
        });
        return new NodeStats(pods, Collections.unmodifiableMap(failures));
    }

    private static KubeletSummary summary(KubernetesClient client, String node) {
        String json = client.raw("/api/v1/nodes/" + node + "/proxy/stats/summary");
        if (json == null) {
            throw new ClusterAccessException("the node's kubelet has no stats summary (HTTP 404)");
        }
        return client.getKubernetesSerialization().unmarshal(json, KubeletSummary.class);
    }

    /** ns/name of each bound claim to its capacity in bytes. */
    private static Map<String, Long> claimCapacities(KubernetesClient client) {
        Map<String, Long> capacities = new HashMap<>();
        for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            Map<String, Quantity> capacity = claim.getStatus() == null ? null : claim.getStatus().getCapacity();
            if (capacity != null && capacity.containsKey(ResourceQuantities.STORAGE)) {
                capacities.put(claim.getMetadata().getNamespace() + "/" + claim.getMetadata().getName(),
                        ResourceQuantities.bytes(capacity, ResourceQuantities.STORAGE));
            }
        }
        return capacities;
    }

    private static PodSample sample(Pod pod, PodStats stats, Map<String, Long> claimCapacity) {
        var metadata = pod.getMetadata();
        Instant startedAt = stats.startTime() != null ? stats.startTime()
                : Instant.parse(pod.getStatus().getStartTime());
        Map<String, String> labels = metadata.getLabels() == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(metadata.getLabels()));
        return new PodSample(metadata.getNamespace(), metadata.getName(), metadata.getUid(), labels, startedAt,
                stats.cpu() == null ? null : stats.cpu().usageCoreNanoSeconds(),
                stats.memory() == null ? null : stats.memory().workingSetBytes(),
                stats.network() == null ? null : stats.network().received(),
                stats.network() == null ? null : stats.network().transmitted(),
                requests(pod),
                volumes(pod, stats, claimCapacity));
    }

    /** What the pod's containers request, summed; a container without a request asks for nothing. */
    private static PodSample.Requests requests(Pod pod) {
        BigDecimal cores = BigDecimal.ZERO;
        long memory = 0;
        int gpus = 0;
        for (Container container : pod.getSpec().getContainers()) {
            Map<String, Quantity> requested = container.getResources() == null ? null
                    : container.getResources().getRequests();
            cores = cores.add(ResourceQuantities.cores(requested));
            memory += ResourceQuantities.bytes(requested, ResourceQuantities.MEMORY);
            gpus += ResourceQuantities.count(requested, ResourceQuantities.GPU);
        }
        return new PodSample.Requests(ResourceQuantities.plain(cores), memory, gpus);
    }

    /**
     * The claims the pod mounts, with the claim's capacity, or the kubelet's for that volume when the claim has
     * none yet. A generic ephemeral volume's claim is named after the pod and the volume.
     */
    private static List<PodSample.Volume> volumes(Pod pod, PodStats stats, Map<String, Long> claimCapacity) {
        Map<String, PodSample.Volume> volumes = new TreeMap<>();
        String namespace = pod.getMetadata().getNamespace();
        for (var volume : Objects.requireNonNullElse(pod.getSpec().getVolumes(),
                List.<io.fabric8.kubernetes.api.model.Volume>of())) {
            String claim = volume.getPersistentVolumeClaim() != null ? volume.getPersistentVolumeClaim().getClaimName()
                    : volume.getEphemeral() != null ? pod.getMetadata().getName() + "-" + volume.getName()
                    : null;
            if (claim == null) {
                continue;
            }
            Long capacity = claimCapacity.get(namespace + "/" + claim);
            if (capacity == null) {
                capacity = stats.volume().stream()
                        .filter(v -> v.pvcRef() != null && claim.equals(v.pvcRef().name()))
                        .map(KubeletSummary.VolumeStats::capacityBytes)
                        .filter(Objects::nonNull)
                        .findFirst().orElse(null);
            }
            if (capacity != null) {
                volumes.put(claim, new PodSample.Volume(claim, capacity));
            }
        }
        return List.copyOf(volumes.values());
    }

    private static Node capacity(io.fabric8.kubernetes.api.model.Node node) {
        Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
        return new Node(node.getMetadata().getName(),
                ResourceQuantities.cores(allocatable),
                ResourceQuantities.bytes(allocatable, ResourceQuantities.MEMORY),
                ResourceQuantities.count(allocatable, ResourceQuantities.GPU));
    }
}

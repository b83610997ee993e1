package dev.tally.integrations.kubernetes;

import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.cluster.ChangeClusterNodes;
import dev.tally.api.metering.RecordScrape;
import dev.tally.api.metering.ScrapeResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scrapes a cluster once and records it: the nodes as they are now, then every pod's sample as one
 * {@code RecordScrape}. The scrape id is made from the cluster and the instant, so two collections at the same
 * instant (the scheduler and an admin, under a test clock) are one scrape.
 */
@Component
public class ClusterCollector {

    private static final Logger log = LoggerFactory.getLogger(ClusterCollector.class);

    private final ClusterDirectory clusters;
    private final ClusterConnections connections;
    private final ScrapeReader reader;
    private final CommandGateway commands;
    private final Clock clock;
    /** One collection per cluster at a time on this node, so scrapes reach the cluster in the order taken. */
    private final Map<ClusterId, Object> collecting = new ConcurrentHashMap<>();

    public ClusterCollector(ClusterDirectory clusters, ClusterConnections connections, ScrapeReader reader,
                            CommandGateway commands, Clock clock) {
        this.clusters = clusters;
        this.connections = connections;
        this.reader = reader;
        this.commands = commands;
        this.clock = clock;
    }

    /**
     * NOT_FOUND for an unknown or deregistered cluster, CONFLICT for one an external collector feeds, UNAVAILABLE
     * when it cannot be read.
     */
    public ScrapeResult collect(ClusterId clusterId) {
        return collect(clusters.requireActive(clusterId));
    }

    ScrapeResult collect(ClusterTarget cluster) {
        if (CredentialsRef.isExternal(cluster.credentialsRef())) {
            throw DomainException.conflict("cluster " + cluster.id() + " is fed by an external collector "
                    + "(credentialsRef \"external\"); it cannot be collected here");
        }
        synchronized (collecting.computeIfAbsent(cluster.id(), id -> new Object())) {
            return readAndSend(cluster);
        }
    }

    private ScrapeResult readAndSend(ClusterTarget cluster) {
        ClusterScrape scrape = read(cluster);
        if (!scrape.nodesWithoutStats().isEmpty()) {
            log.warn("Cluster {}: no kubelet stats from {} of {} nodes, so {} pods are left out of this scrape: {}",
                    cluster.id(), scrape.nodesWithoutStats().size(), scrape.nodes().size(), scrape.podsLeftOut(),
                    scrape.nodesWithoutStats());
        }
        Instant takenAt = clock.instant();
        commands.sendAndWait(new ChangeClusterNodes(cluster.id(), scrape.nodes()));
        return commands.sendAndWait(new RecordScrape(cluster.id(), cluster.id() + "-" + takenAt.toEpochMilli(),
                takenAt, takenAt, scrape.pods()));
    }

    private ClusterScrape read(ClusterTarget cluster) {
        try (KubernetesClient client = connections.open(cluster.apiUrl(), cluster.credentialsRef())) {
            return reader.read(client);
        } catch (ClusterAccessException | KubernetesClientException e) {
            throw new DomainException(ErrorCode.UNAVAILABLE, "cluster " + cluster.id() + " at " + cluster.apiUrl()
                    + " cannot be scraped: " + ConnectionErrors.describe(e));
        }
    }
}

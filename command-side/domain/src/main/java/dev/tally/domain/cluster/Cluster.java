package dev.tally.domain.cluster;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.FieldErrors;
import dev.tally.api.cluster.AccountAssignedToCluster;
import dev.tally.api.cluster.AccountReleasedFromCluster;
import dev.tally.api.cluster.AssignAccountToCluster;
import dev.tally.api.cluster.AttachEnvironment;
import dev.tally.api.cluster.ChangeClusterNodes;
import dev.tally.api.cluster.ClusterDeregistered;
import dev.tally.api.cluster.ClusterNodesChanged;
import dev.tally.api.cluster.ClusterRegistered;
import dev.tally.api.cluster.DeregisterCluster;
import dev.tally.api.cluster.DetachEnvironment;
import dev.tally.api.cluster.EnvironmentAttached;
import dev.tally.api.cluster.EnvironmentDetached;
import dev.tally.api.cluster.Node;
import dev.tally.api.cluster.RegisterCluster;
import dev.tally.api.cluster.ReleaseAccountFromCluster;
import dev.tally.api.metering.MeteringPolicy;
import dev.tally.api.metering.MeteringPolicySource;
import dev.tally.api.metering.PodSample;
import dev.tally.api.metering.RecordScrape;
import dev.tally.api.metering.ScrapeGapDetected;
import dev.tally.api.metering.ScrapeRecorded;
import dev.tally.api.metering.ScrapeResult;
import dev.tally.api.metering.UnattributedUsageMeasured;
import dev.tally.domain.metering.ScrapeMeter;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Kubernetes cluster: its capacity for accounts, the environments whose pods it attributes, and the scrapes of
 * its pods, which it turns into usage. It keeps each pod's last sample as the baseline for the next.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Cluster {

    /** A pod not seen for this long loses its baseline; if it comes back it starts a new one. */
    static final Duration BASELINE_RETENTION = Duration.ofHours(24);
    /** How many recent scrapes are remembered to answer a repeat with its first result: a day at one a minute. */
    static final int REMEMBERED_SCRAPES = 1440;

    @AggregateIdentifier
    private String aggregateId;
    private ClusterId clusterId;
    private int maxAccounts;
    private int scrapeIntervalSeconds;
    private boolean deregistered;
    private List<Node> nodes = List.of();
    private Set<AccountId> accounts = new HashSet<>();
    private Map<String, ScrapeMeter.AttachedEnvironment> environments = new HashMap<>();
    private Map<String, ScrapeMeter.Baseline> baselines = new HashMap<>();
    private Map<String, ScrapeResult> recentScrapes = new LinkedHashMap<>();
    private String lastScrapeId;
    private Instant lastTakenAt;

    Cluster() {
    }

    @CommandHandler
    Cluster(RegisterCluster command) {
        new FieldErrors()
                .check(command.maxAccounts() >= 1, "maxAccounts", "must be at least 1")
                .check(command.scrapeIntervalSeconds() >= 1, "scrapeIntervalSeconds", "must be at least 1")
                .throwIfAny();
        apply(new ClusterRegistered(command.clusterId(), command.name(), command.apiUrl(), command.credentialsRef(),
                command.maxAccounts(), command.scrapeIntervalSeconds(), command.registeredAt()));
    }

    @CommandHandler
    void handle(ChangeClusterNodes command) {
        requireRegistered();
        if (!command.nodes().equals(nodes)) {
            apply(new ClusterNodesChanged(clusterId, List.copyOf(command.nodes())));
        }
    }

    @CommandHandler
    void handle(DeregisterCluster command) {
        if (!deregistered) {
            apply(new ClusterDeregistered(clusterId, command.deregisteredAt()));
        }
    }

    @CommandHandler
    void handle(AssignAccountToCluster command) {
        requireRegistered();
        if (accounts.contains(command.accountId())) {
            return;
        }
        if (accounts.size() >= maxAccounts) {
            throw DomainException.conflict("cluster " + clusterId + " is full: it has room for " + maxAccounts
                    + " accounts");
        }
        apply(new AccountAssignedToCluster(clusterId, command.accountId()));
    }

    @CommandHandler
    void handle(ReleaseAccountFromCluster command) {
        if (accounts.contains(command.accountId())) {
            apply(new AccountReleasedFromCluster(clusterId, command.accountId()));
        }
    }

    @CommandHandler
    void handle(AttachEnvironment command) {
        requireRegistered();
        if (!accounts.contains(command.accountId())) {
            throw DomainException.conflict("account " + command.accountId() + " is not assigned to cluster "
                    + clusterId + ": assign it first");
        }
        ScrapeMeter.AttachedEnvironment attached = environments.get(command.environmentId().value());
        ScrapeMeter.AttachedEnvironment requested =
                new ScrapeMeter.AttachedEnvironment(command.accountId(), command.namespace());
        if (attached == null) {
            apply(new EnvironmentAttached(clusterId, command.environmentId(), command.accountId(),
                    command.namespace()));
        } else if (!attached.equals(requested)) {
            throw DomainException.conflict("environment " + command.environmentId() + " is already attached to "
                    + "cluster " + clusterId + " for another account or namespace");
        }
    }

    @CommandHandler
    void handle(DetachEnvironment command) {
        if (environments.containsKey(command.environmentId().value())) {
            apply(new EnvironmentDetached(clusterId, command.environmentId()));
        }
    }

    /**
     * Records a scrape and the usage since each pod's previous sample. A repeated scrape id answers with its first
     * result and changes nothing; one not newer than the last accepted is refused with SCRAPE_OUT_OF_ORDER.
     */
    @CommandHandler
    ScrapeResult handle(RecordScrape command, MeteringPolicySource policies) {
        requireRegistered();
        MeteringPolicy policy = policies.forScrapeInterval(scrapeIntervalSeconds);
        ScrapeResult first = recentScrapes.get(command.scrapeId());
        if (first != null) {
            return first.asDuplicate();
        }
        if (command.takenAt().isAfter(command.receivedAt().plus(policy.futureTolerance()))) {
            throw DomainException.validation("takenAt " + command.takenAt() + " is in the future (received at "
                    + command.receivedAt() + ")");
        }
        if (lastTakenAt != null && !command.takenAt().isAfter(lastTakenAt)) {
            throw new DomainException(ErrorCode.SCRAPE_OUT_OF_ORDER, "scrape " + command.scrapeId() + " was taken at "
                    + command.takenAt() + ", not after the last accepted scrape " + lastScrapeId + " (" + lastTakenAt
                    + ")");
        }
        if (command.pods().stream().map(PodSample::uid).distinct().count() != command.pods().size()) {
            throw DomainException.validation("a scrape carries each pod once: pod uids repeat");
        }
        boolean gap = lastTakenAt != null
                && Duration.between(lastTakenAt, command.takenAt()).compareTo(policy.maxInterval()) > 0;
        List<Object> usage = ScrapeMeter.measure(clusterId, command, policy, baselines, environments);
        ScrapeResult result = new ScrapeResult(command.scrapeId(), command.takenAt(), command.pods().size(),
                (int) usage.stream().filter(event -> !(event instanceof UnattributedUsageMeasured)).count(),
                (int) usage.stream().filter(UnattributedUsageMeasured.class::isInstance)
                        .map(event -> ((UnattributedUsageMeasured) event).podUid()).distinct().count(),
                gap, false);

        if (gap) {
            apply(new ScrapeGapDetected(clusterId, lastTakenAt, command.takenAt(), lastScrapeId, command.scrapeId(),
                    policy.gapFill()));
        }
        apply(new ScrapeRecorded(clusterId, command.scrapeId(), command.takenAt(), lastScrapeId, lastTakenAt,
                List.copyOf(command.pods()), policy, result));
        usage.forEach(event -> apply(event));
        return result;
    }

    private void requireRegistered() {
        if (deregistered) {
            throw DomainException.conflict("cluster " + clusterId + " is deregistered");
        }
    }

    @EventSourcingHandler
    void on(ClusterRegistered event) {
        aggregateId = event.clusterId().aggregateId();
        clusterId = event.clusterId();
        maxAccounts = event.maxAccounts();
        scrapeIntervalSeconds = event.scrapeIntervalSeconds();
    }

    @EventSourcingHandler
    void on(ClusterNodesChanged event) {
        nodes = event.nodes();
    }

    @EventSourcingHandler
    void on(ClusterDeregistered event) {
        deregistered = true;
    }

    @EventSourcingHandler
    void on(AccountAssignedToCluster event) {
        accounts.add(event.accountId());
    }

    @EventSourcingHandler
    void on(AccountReleasedFromCluster event) {
        accounts.remove(event.accountId());
    }

    @EventSourcingHandler
    void on(EnvironmentAttached event) {
        environments.put(event.environmentId().value(),
                new ScrapeMeter.AttachedEnvironment(event.accountId(), event.namespace()));
    }

    @EventSourcingHandler
    void on(EnvironmentDetached event) {
        environments.remove(event.environmentId().value());
    }

    @EventSourcingHandler
    void on(ScrapeRecorded event) {
        for (PodSample pod : event.pods()) {
            baselines.put(pod.uid(), new ScrapeMeter.Baseline(event.scrapeId(), event.takenAt(), pod));
        }
        Instant horizon = event.takenAt().minus(BASELINE_RETENTION);
        baselines.values().removeIf(baseline -> baseline.takenAt().isBefore(horizon));
        recentScrapes.put(event.scrapeId(), event.result());
        if (recentScrapes.size() > REMEMBERED_SCRAPES) {
            recentScrapes.remove(recentScrapes.keySet().iterator().next());
        }
        lastScrapeId = event.scrapeId();
        lastTakenAt = event.takenAt();
    }
}

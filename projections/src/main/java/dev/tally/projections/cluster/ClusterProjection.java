package dev.tally.projections.cluster;

import dev.tally.api.cluster.AccountAssignedToCluster;
import dev.tally.api.cluster.AccountReleasedFromCluster;
import dev.tally.api.cluster.ClusterDeregistered;
import dev.tally.api.cluster.ClusterNodesChanged;
import dev.tally.api.cluster.ClusterRegistered;
import dev.tally.api.cluster.Node;
import dev.tally.api.metering.ScrapeRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Map;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.CLUSTER;
import static dev.tally.schema.jooq.Tables.CLUSTER_ACCOUNT;
import static dev.tally.schema.jooq.Tables.SCRAPE_WINDOW;

/**
 * The clusters read model: one row per cluster with its capacity, assigned accounts and last scrape; the accounts
 * assigned to it; and the time each scrape covers, for coverage. Fed by the Cluster aggregate only, in its order.
 */
@Component
@ProcessingGroup(ClusterProjection.PROCESSING_GROUP)
public class ClusterProjection {

    public static final String PROCESSING_GROUP = "clusters";

    static final String ACTIVE = "ACTIVE";
    static final String DEREGISTERED = "DEREGISTERED";

    private final DSLContext db;

    public ClusterProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ClusterRegistered event, @SequenceNumber long sequence) {
        db.insertInto(CLUSTER)
                .set(CLUSTER.ID, event.clusterId().value())
                .set(CLUSTER.NAME, event.name())
                .set(CLUSTER.API_URL, event.apiUrl())
                .set(CLUSTER.CREDENTIALS_REF, event.credentialsRef())
                .set(CLUSTER.MAX_ACCOUNTS, event.maxAccounts())
                .set(CLUSTER.SCRAPE_INTERVAL_SECONDS, event.scrapeIntervalSeconds())
                .set(CLUSTER.STATUS, ACTIVE)
                .set(CLUSTER.NODE_COUNT, 0)
                .set(CLUSTER.CPU_CORES, BigDecimal.ZERO)
                .set(CLUSTER.MEMORY_BYTES, 0L)
                .set(CLUSTER.GPUS, 0)
                .set(CLUSTER.ACCOUNTS_ASSIGNED, 0)
                .set(CLUSTER.REGISTERED_AT, utc(event.registeredAt()))
                .set(CLUSTER.LAST_SEQUENCE, sequence)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(ClusterNodesChanged event, @SequenceNumber long sequence) {
        BigDecimal cpuCores = event.nodes().stream().map(Node::cpuCores).reduce(BigDecimal.ZERO, BigDecimal::add);
        long memoryBytes = event.nodes().stream().mapToLong(Node::memoryBytes).sum();
        int gpus = event.nodes().stream().mapToInt(Node::gpus).sum();
        update(event.clusterId().value(), sequence, Map.of(
                CLUSTER.NODE_COUNT, event.nodes().size(),
                CLUSTER.CPU_CORES, cpuCores,
                CLUSTER.MEMORY_BYTES, memoryBytes,
                CLUSTER.GPUS, gpus));
    }

    @EventHandler
    void on(ClusterDeregistered event, @SequenceNumber long sequence) {
        update(event.clusterId().value(), sequence, Map.of(CLUSTER.STATUS, DEREGISTERED));
    }

    @EventHandler
    void on(AccountAssignedToCluster event, @SequenceNumber long sequence) {
        String clusterId = event.clusterId().value();
        db.insertInto(CLUSTER_ACCOUNT)
                .set(CLUSTER_ACCOUNT.CLUSTER_ID, clusterId)
                .set(CLUSTER_ACCOUNT.ACCOUNT_ID, event.accountId().value())
                .onConflictDoNothing()
                .execute();
        update(clusterId, sequence, Map.of(CLUSTER.ACCOUNTS_ASSIGNED, assignedAccounts(clusterId)));
    }

    @EventHandler
    void on(AccountReleasedFromCluster event, @SequenceNumber long sequence) {
        String clusterId = event.clusterId().value();
        db.deleteFrom(CLUSTER_ACCOUNT)
                .where(CLUSTER_ACCOUNT.CLUSTER_ID.eq(clusterId)
                        .and(CLUSTER_ACCOUNT.ACCOUNT_ID.eq(event.accountId().value())))
                .execute();
        update(clusterId, sequence, Map.of(CLUSTER.ACCOUNTS_ASSIGNED, assignedAccounts(clusterId)));
    }

    /** A scrape covers the time since the previous one (nothing is known before the first); a gap covers none. */
    @EventHandler
    void on(ScrapeRecorded event, @SequenceNumber long sequence) {
        String clusterId = event.clusterId().value();
        db.insertInto(SCRAPE_WINDOW)
                .set(SCRAPE_WINDOW.CLUSTER_ID, clusterId)
                .set(SCRAPE_WINDOW.SCRAPE_ID, event.scrapeId())
                .set(SCRAPE_WINDOW.WINDOW_FROM, utc(event.previousTakenAt()))
                .set(SCRAPE_WINDOW.WINDOW_TO, utc(event.takenAt()))
                .set(SCRAPE_WINDOW.GAP, event.result().gap())
                .set(SCRAPE_WINDOW.PODS, event.result().pods())
                .onConflictDoNothing()
                .execute();
        update(clusterId, sequence, Map.of(
                CLUSTER.LAST_SCRAPE_ID, event.scrapeId(),
                CLUSTER.LAST_SCRAPE_AT, utc(event.takenAt())));
    }

    /** Counted rather than incremented, so the count is right however often an assignment is delivered. */
    private Field<Integer> assignedAccounts(String clusterId) {
        return DSL.field(DSL.selectCount().from(CLUSTER_ACCOUNT).where(CLUSTER_ACCOUNT.CLUSTER_ID.eq(clusterId)));
    }

    /** Applies a change once: a redelivered event (sequence not newer than the row's) changes nothing. */
    private void update(String clusterId, long sequence, Map<? extends Field<?>, ?> changes) {
        db.update(CLUSTER)
                .set(changes)
                .set(CLUSTER.LAST_SEQUENCE, sequence)
                .where(CLUSTER.ID.eq(clusterId).and(CLUSTER.LAST_SEQUENCE.lt(sequence)))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(CLUSTER).execute();
        db.deleteFrom(CLUSTER_ACCOUNT).execute();
        db.deleteFrom(SCRAPE_WINDOW).execute();
    }
}

package dev.tally.integrations.kubernetes;

import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static dev.tally.schema.jooq.Tables.CLUSTER;

/** The registered clusters, from the "clusters" read model. */
@Component
public class ClusterDirectory {

    static final String ACTIVE = "ACTIVE";

    private final DSLContext db;

    public ClusterDirectory(DSLContext db) {
        this.db = db;
    }

    /** Empty until the read model has the cluster (it follows the event store a moment behind). */
    public Optional<ClusterTarget> find(ClusterId clusterId) {
        return db.select(CLUSTER.API_URL, CLUSTER.CREDENTIALS_REF, CLUSTER.SCRAPE_INTERVAL_SECONDS, CLUSTER.STATUS)
                .from(CLUSTER)
                .where(CLUSTER.ID.eq(clusterId.value()))
                .fetchOptional(row -> new ClusterTarget(clusterId, row.value1(), row.value2(), row.value3(),
                        ACTIVE.equals(row.value4())));
    }

    /** A cluster that can be collected: NOT_FOUND when unknown or deregistered. */
    public ClusterTarget requireActive(ClusterId clusterId) {
        ClusterTarget cluster = find(clusterId)
                .orElseThrow(() -> DomainException.notFound("not found: cluster " + clusterId));
        if (!cluster.active()) {
            throw DomainException.notFound("cluster " + clusterId + " is deregistered");
        }
        return cluster;
    }
}

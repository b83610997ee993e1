package dev.tally.projections.environment;

import dev.tally.api.environment.EnvironmentDeleted;
import dev.tally.api.environment.EnvironmentRegistered;
import dev.tally.api.environment.EnvironmentResized;
import dev.tally.api.environment.EnvironmentStarted;
import dev.tally.api.environment.EnvironmentStatus;
import dev.tally.api.environment.EnvironmentStopped;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.ENVIRONMENT;

/** The environments read model: one row per environment with its owner, cluster, size and status. */
@Component
@ProcessingGroup(EnvironmentProjection.PROCESSING_GROUP)
public class EnvironmentProjection {

    public static final String PROCESSING_GROUP = "environments";

    private final DSLContext db;

    public EnvironmentProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(EnvironmentRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        db.insertInto(ENVIRONMENT)
                .set(ENVIRONMENT.ID, event.environmentId().value())
                .set(ENVIRONMENT.ACCOUNT_ID, event.accountId().value())
                .set(ENVIRONMENT.CLUSTER_ID, event.clusterId().value())
                .set(ENVIRONMENT.NAME, event.name())
                .set(ENVIRONMENT.NAMESPACE, event.namespace())
                .set(ENVIRONMENT.TIER, event.tier())
                .set(ENVIRONMENT.MAX_UPTIME_MINUTES, event.maxUptimeMinutes())
                .set(ENVIRONMENT.STATUS, EnvironmentStatus.REGISTERED.name())
                .set(ENVIRONMENT.REGISTERED_AT, utc(event.registeredAt()))
                .set(ENVIRONMENT.UPDATED_AT, utc(at))
                .set(ENVIRONMENT.LAST_SEQUENCE, sequence)
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(EnvironmentStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.environmentId().value(), sequence, at,
                Map.of(ENVIRONMENT.STATUS, EnvironmentStatus.RUNNING.name()));
    }

    @EventHandler
    void on(EnvironmentStopped event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.environmentId().value(), sequence, at,
                Map.of(ENVIRONMENT.STATUS, EnvironmentStatus.STOPPED.name()));
    }

    @EventHandler
    void on(EnvironmentResized event, @SequenceNumber long sequence, @Timestamp Instant at) {
        // Not Map.of: it refuses nulls, and a size may leave its CPU cores unset.
        Map<Field<?>, Object> size = new HashMap<>();
        size.put(ENVIRONMENT.CPU_CORES, event.resources().cpuCores());
        size.put(ENVIRONMENT.MEMORY_BYTES, event.resources().memoryBytes());
        size.put(ENVIRONMENT.GPUS, event.resources().gpus());
        update(event.environmentId().value(), sequence, at, size);
    }

    @EventHandler
    void on(EnvironmentDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.environmentId().value(), sequence, at,
                Map.of(ENVIRONMENT.STATUS, EnvironmentStatus.DELETED.name()));
    }

    /** Applies a change once: a redelivered event (sequence not newer than the row's) changes nothing. */
    private void update(String environmentId, long sequence, Instant at, Map<? extends Field<?>, ?> changes) {
        db.update(ENVIRONMENT)
                .set(changes)
                .set(ENVIRONMENT.UPDATED_AT, utc(at))
                .set(ENVIRONMENT.LAST_SEQUENCE, sequence)
                .where(ENVIRONMENT.ID.eq(environmentId).and(ENVIRONMENT.LAST_SEQUENCE.lt(sequence)))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(ENVIRONMENT).execute();
    }
}

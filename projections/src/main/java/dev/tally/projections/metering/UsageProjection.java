package dev.tally.projections.metering;

import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.metering.UnattributedUsageMeasured;
import dev.tally.api.metering.UsageMeasured;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import dev.tally.projections.BatchedInserts;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;

import static dev.tally.projections.Timestamps.hourOf;
import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.UNATTRIBUTED_USAGE;
import static dev.tally.schema.jooq.Tables.USAGE;

/**
 * The usage read model: one row per meter of each measured window, in the meter's base unit, keyed by the event's id
 * and the meter, so a redelivered event adds nothing. Unattributed usage is kept apart, per cluster, for admins. Rows
 * are inserted once per processor batch ({@link BatchedInserts}).
 */
@Component
@ProcessingGroup(UsageProjection.PROCESSING_GROUP)
public class UsageProjection {

    public static final String PROCESSING_GROUP = "usage";

    private final DSLContext db;
    private final BatchedInserts usage;
    private final BatchedInserts unattributed;

    public UsageProjection(DSLContext db) {
        this.db = db;
        this.usage = new BatchedInserts(db, USAGE, USAGE.EVENT_ID, USAGE.METER, USAGE.ACCOUNT_ID,
                USAGE.ENVIRONMENT_ID, USAGE.CLUSTER_ID, USAGE.WINDOW_FROM, USAGE.WINDOW_TO, USAGE.HOUR_START,
                USAGE.BASIS, USAGE.USED, USAGE.REQUESTED, USAGE.QUANTITY, USAGE.GAP);
        this.unattributed = new BatchedInserts(db, UNATTRIBUTED_USAGE, UNATTRIBUTED_USAGE.EVENT_ID,
                UNATTRIBUTED_USAGE.METER, UNATTRIBUTED_USAGE.CLUSTER_ID, UNATTRIBUTED_USAGE.NAMESPACE,
                UNATTRIBUTED_USAGE.POD_NAME, UNATTRIBUTED_USAGE.POD_UID, UNATTRIBUTED_USAGE.REASON,
                UNATTRIBUTED_USAGE.WINDOW_FROM, UNATTRIBUTED_USAGE.WINDOW_TO, UNATTRIBUTED_USAGE.QUANTITY,
                UNATTRIBUTED_USAGE.GAP);
    }

    /** The domain splits windows at hour boundaries, so a window's hour is the hour it starts in. */
    @EventHandler
    void on(UsageMeasured event, EventMessage<?> message) {
        OffsetDateTime from = utc(event.from());
        OffsetDateTime hourStart = hourOf(event.from());
        for (MeteredQuantity quantity : event.quantities()) {
            usage.add(message.getIdentifier(), quantity.meter().name(), event.accountId().value(),
                    event.environmentId().value(), event.clusterId().value(), from, utc(event.to()), hourStart,
                    quantity.basis().name(), quantity.usage(), quantity.request(), quantity.quantity(),
                    event.gap());
        }
    }

    @EventHandler
    void on(UnattributedUsageMeasured event, EventMessage<?> message) {
        for (MeteredQuantity quantity : event.quantities()) {
            unattributed.add(message.getIdentifier(), quantity.meter().name(), event.clusterId().value(),
                    event.namespace(), event.podName(), event.podUid(), event.reason(), utc(event.from()),
                    utc(event.to()), quantity.quantity(), event.gap());
        }
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(USAGE).execute();
        db.deleteFrom(UNATTRIBUTED_USAGE).execute();
    }
}

package dev.tally.projections.activity;

import dev.tally.api.activity.AdminCommandRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import static dev.tally.projections.Timestamps.utc;
import static dev.tally.schema.jooq.Tables.ACTIVITY_LOG;

/** The activity log read model: a row per admin command, keyed by its event, so a redelivery adds nothing. */
@Component
@ProcessingGroup(ActivityLogProjection.PROCESSING_GROUP)
public class ActivityLogProjection {

    public static final String PROCESSING_GROUP = "activity";

    private final DSLContext db;

    public ActivityLogProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(AdminCommandRecorded event, EventMessage<?> message) {
        db.insertInto(ACTIVITY_LOG)
                .set(ACTIVITY_LOG.EVENT_ID, message.getIdentifier())
                .set(ACTIVITY_LOG.AT, utc(event.at()))
                .set(ACTIVITY_LOG.ACTOR, event.actor())
                .set(ACTIVITY_LOG.ROLE, event.role())
                .set(ACTIVITY_LOG.METHOD, event.method())
                .set(ACTIVITY_LOG.PATH, event.path())
                .set(ACTIVITY_LOG.STATUS, event.status())
                .onConflictDoNothing()
                .execute();
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(ACTIVITY_LOG).execute();
    }
}

package dev.tally.projections.metering;

import dev.tally.api.credits.ChargeLine;
import dev.tally.api.credits.UsageCharged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import dev.tally.projections.BatchedInserts;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import static dev.tally.projections.Timestamps.hourOf;
import static dev.tally.schema.jooq.Tables.USAGE_COST;

/**
 * What each meter of a measured window was charged, keyed like the usage rows (the UsageMeasured event's id and the
 * meter) so the usage API joins the two at read time. A group of its own: charges come from the Credits ledgers and
 * usage from the clusters, in no common order, and neither read model waits for the other. Rows are inserted once per
 * processor batch ({@link BatchedInserts}).
 */
@Component
@ProcessingGroup(UsageCostProjection.PROCESSING_GROUP)
public class UsageCostProjection {

    public static final String PROCESSING_GROUP = "usage-costs";

    private final DSLContext db;
    private final BatchedInserts costs;

    public UsageCostProjection(DSLContext db) {
        this.db = db;
        this.costs = new BatchedInserts(db, USAGE_COST, USAGE_COST.USAGE_EVENT_ID, USAGE_COST.METER,
                USAGE_COST.CHARGE_EVENT_ID, USAGE_COST.ACCOUNT_ID, USAGE_COST.HOUR_START, USAGE_COST.PRICE_BOOK_ID,
                USAGE_COST.PRICE_VERSION, USAGE_COST.BASIS, USAGE_COST.QUANTITY, USAGE_COST.PRICE,
                USAGE_COST.PRICE_UNIT, USAGE_COST.AMOUNT, USAGE_COST.CURRENCY);
    }

    @EventHandler
    void on(UsageCharged event, EventMessage<?> message) {
        for (ChargeLine line : event.lines()) {
            costs.add(event.usageId(), line.meter().name(), message.getIdentifier(), event.accountId().value(),
                    hourOf(event.from()), event.priceBookId().value(), event.priceVersion(), line.basis().name(),
                    line.quantity(), line.price(), line.priceUnit().wireName(), line.amount(),
                    event.amount().currency().getCurrencyCode());
        }
    }

    @ResetHandler
    void reset() {
        db.deleteFrom(USAGE_COST).execute();
    }
}

package dev.tally.app.metering;

import dev.tally.app.support.EngineTest;
import dev.tally.projections.BatchedInserts;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static dev.tally.schema.jooq.Tables.USAGE_COST;
import static org.assertj.core.api.Assertions.assertThat;

/** Rows gathered over a unit of work reach the table when it commits, in one go, and a repeated row adds nothing. */
class BatchedInsertsTest extends EngineTest {

    private static final OffsetDateTime HOUR = OffsetDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC);

    @Autowired
    DSLContext db;

    @Test
    void rowsAreInsertedWhenTheUnitOfWorkCommitsAndNotTwice() {
        BatchedInserts costs = new BatchedInserts(db, USAGE_COST, USAGE_COST.USAGE_EVENT_ID, USAGE_COST.METER,
                USAGE_COST.CHARGE_EVENT_ID, USAGE_COST.ACCOUNT_ID, USAGE_COST.HOUR_START, USAGE_COST.PRICE_BOOK_ID,
                USAGE_COST.PRICE_VERSION, USAGE_COST.BASIS, USAGE_COST.QUANTITY, USAGE_COST.PRICE,
                USAGE_COST.PRICE_UNIT, USAGE_COST.AMOUNT, USAGE_COST.CURRENCY);
        String usage = uniqueId("batched");
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);

        costs.add(row(usage, "CPU"));
        costs.add(row(usage, "MEMORY"));
        costs.add(row(usage, "CPU"));
        int beforeCommit = rows(usage);
        unitOfWork.commit();

        assertThat(beforeCommit).isZero();
        assertThat(rows(usage)).isEqualTo(2);

        costs.add(row(usage, "CPU"));
        costs.add(row(usage, "GPU"));
        assertThat(rows(usage)).as("outside a unit of work, at once; the repeat adds nothing").isEqualTo(3);
    }

    private int rows(String usage) {
        return db.fetchCount(USAGE_COST, USAGE_COST.USAGE_EVENT_ID.eq(usage));
    }

    private static Object[] row(String usage, String meter) {
        return new Object[]{usage, meter, "charge-" + usage, "acct-" + usage, HOUR, "book", 1, "USAGE",
                BigDecimal.ONE, new BigDecimal("0.05"), "CORE_HOUR", new BigDecimal("0.05"), "EUR"};
    }
}

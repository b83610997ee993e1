package dev.tally.projections;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of one table gathered over the unit of work a processor handles a batch of events in, and inserted just
 * before it commits, a redelivered row adding nothing (ON CONFLICT DO NOTHING): a statement for the batch instead of
 * one for each event. A failing insert fails the unit of work, which the processor retries. Outside a unit of work
 * the rows are inserted at once. For insert-only read models, whose handlers never read what the batch wrote.
 */
public final class BatchedInserts {

    /** Bind parameters stay well below PostgreSQL's limit of 32,767 a statement. */
    private static final int ROWS_PER_STATEMENT = 1_000;

    private final DSLContext db;
    private final Table<?> table;
    private final List<Field<?>> fields;
    private final String resource;

    public BatchedInserts(DSLContext db, Table<?> table, Field<?>... fields) {
        this.db = db;
        this.table = table;
        this.fields = List.of(fields);
        // one list of pending rows per table and columns in a unit of work, whichever instance adds to it
        this.resource = BatchedInserts.class.getName() + ":" + table.getName() + this.fields;
    }

    /** A row, its values in the order of the fields. */
    public void add(Object... row) {
        if (!CurrentUnitOfWork.isStarted()) {
            insert(List.<Object[]>of(row));
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<Object[]> pending = root.getOrComputeResource(resource, key -> {
            List<Object[]> rows = new ArrayList<>();
            root.onPrepareCommit(unitOfWork -> insert(rows));
            return rows;
        });
        pending.add(row);
    }

    private void insert(List<Object[]> rows) {
        for (int start = 0; start < rows.size(); start += ROWS_PER_STATEMENT) {
            var insert = db.insertInto(table).columns(fields);
            for (Object[] row : rows.subList(start, Math.min(rows.size(), start + ROWS_PER_STATEMENT))) {
                insert = insert.values(row);
            }
            insert.onConflictDoNothing().execute();
        }
    }
}

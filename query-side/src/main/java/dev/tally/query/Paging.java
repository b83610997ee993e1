package dev.tally.query;

import dev.tally.api.DomainException;
import dev.tally.api.PageView;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.OrderField;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Table;

import java.util.List;

/** {@code ?page=0&size=50}, checked: size 1 to 500 (API.md, Conventions). */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 500;

    public Paging {
        if (page < 0) {
            throw DomainException.validation("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw DomainException.validation("size must be between 1 and " + MAX_SIZE);
        }
    }

    public int offset() {
        return page * size;
    }

    /** This page of the table's rows that match {@code where}, in {@code order}, with the total that match. */
    public <R extends Record, T> PageView<T> fetch(DSLContext db, Table<R> table, Condition where,
                                                   RecordMapper<? super R, T> mapper, OrderField<?>... order) {
        List<T> items = db.selectFrom(table).where(where).orderBy(order).limit(size).offset(offset()).fetch(mapper);
        return new PageView<>(items, page, size, db.fetchCount(table, where));
    }
}

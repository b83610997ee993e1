package dev.tally.app.support;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

/** Reads Axon's event table directly, to prove what was (or was not) stored. */
public final class EventStoreRows {

    private final JdbcClient jdbc;

    public EventStoreRows(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Every aggregate's events: what commands changed. The activity log's records of who commanded (events of no
     * aggregate) are left out, so a command that changed nothing leaves this count as it was.
     */
    public long all() {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE type IS NOT NULL").query(Long.class).single();
    }

    /** Events of one payload type (simple class name) for one aggregate. */
    public long of(String aggregateId, String eventType) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?")
                .params(aggregateId, "%." + eventType)
                .query(Long.class).single();
    }

    public long snapshotsOf(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?")
                .params(aggregateId)
                .query(Long.class).single();
    }
}

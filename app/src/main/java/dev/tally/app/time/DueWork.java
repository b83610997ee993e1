package dev.tally.app.time;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static dev.tally.schema.jooq.Tables.SCHEDULED_TASKS;

/**
 * Runs what the scheduler has due by an instant and waits until it has run. A one-time task's row is deleted when
 * it succeeds and moved to a later instant when it fails, so "no row due by then" means all of it was dispatched.
 */
@Component
class DueWork {

    private static final Duration MAX_WAIT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 10;

    private final Scheduler scheduler;
    private final DSLContext db;

    DueWork(Scheduler scheduler, DSLContext db) {
        this.scheduler = scheduler;
        this.db = db;
    }

    /** Returns the number of executions that were due; throws UNAVAILABLE if they did not finish in time. */
    int dispatchDueBy(Instant instant) throws InterruptedException {
        int due = countDueBy(instant);
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        for (int remaining = due; remaining > 0; remaining = countDueBy(instant)) {
            if (System.nanoTime() > deadline) {
                throw new DomainException(ErrorCode.UNAVAILABLE, remaining + " scheduled executions due by "
                        + instant + " have not finished within " + MAX_WAIT.toSeconds() + " s");
            }
            scheduler.triggerCheckForDueExecutions();
            Thread.sleep(POLL_MILLIS);
        }
        return due;
    }

    private int countDueBy(Instant instant) {
        return db.fetchCount(SCHEDULED_TASKS, SCHEDULED_TASKS.EXECUTION_TIME.le(instant.atOffset(ZoneOffset.UTC)));
    }
}

package dev.tally.app.time;

import dev.tally.api.DomainException;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tally.schema.jooq.Tables.TEST_CLOCK;

/**
 * The engine's clock under TALLY_TEST_CLOCK: it stands still until moved, and only forward. Its instant is kept in
 * the database, so a restart resumes where it was rather than going back to the configured start.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;
    private final DSLContext db;

    private TestClock(Instant now, DSLContext db) {
        this.now = new AtomicReference<>(now);
        this.db = db;
    }

    /** Resumes at the later of the configured start and the instant it was last moved to. */
    static TestClock resume(Instant configuredStart, DSLContext db, Clock systemClock) {
        Instant start = (configuredStart != null ? configuredStart : systemClock.instant()).truncatedTo(ChronoUnit.MICROS);
        Instant saved = db.select(TEST_CLOCK.NOW).from(TEST_CLOCK).where(TEST_CLOCK.ID.eq((short) 1))
                .fetchOptional(row -> row.value1().toInstant())
                .orElse(null);
        TestClock clock = new TestClock(saved != null && saved.isAfter(start) ? saved : start, db);
        clock.save(clock.instant());
        return clock;
    }

    /** Moves the clock to {@code target}; backwards is refused with CONFLICT. */
    synchronized Instant advanceTo(Instant requested) {
        Instant target = requested.truncatedTo(ChronoUnit.MICROS);
        Instant current = now.get();
        if (target.isBefore(current)) {
            throw DomainException.conflict("the test clock only moves forward: it is at " + current
                    + ", " + target + " is before that");
        }
        save(target);
        now.set(target);
        return target;
    }

    private void save(Instant instant) {
        db.insertInto(TEST_CLOCK)
                .set(TEST_CLOCK.ID, (short) 1)
                .set(TEST_CLOCK.NOW, instant.atOffset(ZoneOffset.UTC))
                .onConflict(TEST_CLOCK.ID)
                .doUpdate()
                .set(TEST_CLOCK.NOW, instant.atOffset(ZoneOffset.UTC))
                .execute();
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the engine's clock is UTC");
    }
}

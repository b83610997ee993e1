package dev.tally.domain.billing;

import dev.tally.api.FieldErrors;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Billing periods are months in UTC that start on the account's anchor day (the 1st unless it chose another, up to
 * the 28th so every month has it) at 00:00 UTC.
 */
public final class BillingPeriods {

    public static final int DEFAULT_ANCHOR_DAY = 1;
    public static final int LAST_ANCHOR_DAY = 28;

    private BillingPeriods() {
    }

    /** The start of the period {@code instant} falls in, for periods starting on {@code anchorDay}. */
    public static Instant startOf(Instant instant, int anchorDay) {
        ZonedDateTime day = instant.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        ZonedDateTime anchor = day.withDayOfMonth(anchorDay);
        return (anchor.isAfter(day) ? anchor.minusMonths(1) : anchor).toInstant();
    }

    public static Instant startOf(Instant instant) {
        return startOf(instant, DEFAULT_ANCHOR_DAY);
    }

    public static boolean isBoundary(Instant instant, int anchorDay) {
        return startOf(instant, anchorDay).equals(instant);
    }

    /** A period to close must end at a period boundary, and must have ended by {@code now}. */
    public static void requireClosable(Instant periodEnd, Instant now, int anchorDay) {
        requireEnded(new FieldErrors().check(periodEnd == null || isBoundary(periodEnd, anchorDay), "periodEnd",
                "must be the start of a billing period: day " + anchorDay + " of a month, 00:00 UTC"), periodEnd, now);
    }

    /** Adds to {@code errors} that {@code periodEnd} is missing or has not come yet, and throws them all. */
    public static void requireEnded(FieldErrors errors, Instant periodEnd, Instant now) {
        errors.check(periodEnd != null, "periodEnd", "is required: an ISO-8601 instant")
                .check(periodEnd == null || !periodEnd.isAfter(now), "periodEnd",
                        "must not be in the future: a period closes once it has ended")
                .throwIfAny();
    }
}

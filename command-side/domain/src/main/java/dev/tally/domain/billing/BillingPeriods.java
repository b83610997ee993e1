package dev.tally.domain.billing;

import dev.tally.api.FieldErrors;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** Billing periods are calendar months in UTC: each starts on the 1st at 00:00 UTC. */
public final class BillingPeriods {

    private BillingPeriods() {
    }

    /** The start of the period {@code instant} falls in. */
    public static Instant startOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    }

    /** The start of the period after the one {@code instant} falls in. */
    public static Instant nextAfter(Instant instant) {
        ZonedDateTime start = startOf(instant).atZone(ZoneOffset.UTC);
        return start.plusMonths(1).toInstant();
    }

    public static boolean isBoundary(Instant instant) {
        return startOf(instant).equals(instant);
    }

    /** A period to close must end at a period boundary, and must have ended by {@code now}. */
    public static void requireClosable(Instant periodEnd, Instant now) {
        new FieldErrors()
                .check(periodEnd != null && isBoundary(periodEnd), "periodEnd",
                        "must be the start of a calendar month in UTC, such as 2026-12-01T00:00:00Z")
                .check(periodEnd == null || !periodEnd.isAfter(now), "periodEnd",
                        "must not be in the future: a period closes once it has ended")
                .throwIfAny();
    }
}

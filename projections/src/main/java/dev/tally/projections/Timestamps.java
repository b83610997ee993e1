package dev.tally.projections;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Read models store instants as UTC {@code timestamptz}. */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The start of the UTC hour {@code instant} falls in: usage windows never cross one. */
    public static OffsetDateTime hourOf(Instant instant) {
        return utc(instant).truncatedTo(ChronoUnit.HOURS);
    }

    /** The start of the calendar month in UTC {@code instant} falls in. */
    public static OffsetDateTime monthOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}

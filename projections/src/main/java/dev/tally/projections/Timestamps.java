package dev.tally.projections;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Read models store instants as UTC {@code timestamptz}. */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}

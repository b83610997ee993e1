package dev.tally.query.metering;

import dev.tally.api.FieldErrors;

import java.util.Locale;

/** The buckets usage is summed into: UTC hours, days or calendar months. */
public enum Granularity {
    HOUR,
    DAY,
    MONTH;

    /** PostgreSQL's {@code date_trunc} field. */
    String truncation() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code hour}, {@code day} or {@code month}; null (with the error added) for anything else. */
    static Granularity parse(String value, FieldErrors errors) {
        for (Granularity granularity : values()) {
            if (granularity.name().equalsIgnoreCase(value)) {
                return granularity;
            }
        }
        errors.add("granularity", "must be hour, day or month");
        return null;
    }
}

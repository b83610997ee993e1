package dev.tally.query.metering;

import dev.tally.api.FieldErrors;

/** What usage is summed per within each bucket: the meter alone, or the meter of each environment. */
public enum UsageGrouping {
    METER,
    ENVIRONMENT;

    /** {@code meter} or {@code environment}; null (with the error added) for anything else. */
    static UsageGrouping parse(String value, FieldErrors errors) {
        for (UsageGrouping grouping : values()) {
            if (grouping.name().equalsIgnoreCase(value)) {
                return grouping;
            }
        }
        errors.add("groupBy", "must be meter or environment");
        return null;
    }
}

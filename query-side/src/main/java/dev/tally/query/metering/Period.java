package dev.tally.query.metering;

import dev.tally.api.FieldErrors;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The half-open span {@code [from, to)} a usage query asks about, from the query string's ISO-8601 instants. A
 * parameter that is missing or not an instant is reported under its own name, with every other bad field.
 */
public record Period(Instant from, Instant to) {

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /** Both bounds required; null (with the errors added) when they are missing or wrong. */
    public static Period required(String from, String to, FieldErrors errors) {
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        return ordered(start, end, errors);
    }

    /** Each bound missing is taken from {@code otherwise}; null (with the errors added) when they are wrong. */
    public static Period orElse(String from, String to, Period otherwise, FieldErrors errors) {
        Instant start = isBlank(from) ? otherwise.from() : instant("from", from, errors);
        Instant end = isBlank(to) ? otherwise.to() : instant("to", to, errors);
        return ordered(start, end, errors);
    }

    /** The calendar month in UTC that {@code instant} falls in. */
    public static Period monthOf(Instant instant) {
        LocalDate first = LocalDate.ofInstant(instant, ZoneOffset.UTC).withDayOfMonth(1);
        return new Period(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    public OffsetDateTime utcFrom() {
        return from.atOffset(ZoneOffset.UTC);
    }

    public OffsetDateTime utcTo() {
        return to.atOffset(ZoneOffset.UTC);
    }

    private static Period ordered(Instant from, Instant to, FieldErrors errors) {
        if (from == null || to == null) {
            return null;
        }
        if (!from.isBefore(to)) {
            errors.add("to", "must be after from");
            return null;
        }
        return new Period(from, to);
    }

    private static Instant instant(String name, String value, FieldErrors errors) {
        if (isBlank(value)) {
            errors.add(name, "is required");
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(name, "must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z");
            return null;
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

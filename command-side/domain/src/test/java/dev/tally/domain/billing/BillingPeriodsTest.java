package dev.tally.domain.billing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BillingPeriodsTest {

    @ParameterizedTest(name = "{0} on day {1} is in the period from {2}")
    @CsvSource({
            "2026-03-10T10:00:00Z, 1, 2026-03-01T00:00:00Z",
            "2026-03-01T00:00:00Z, 1, 2026-03-01T00:00:00Z",
            "2026-02-28T23:59:59Z, 1, 2026-02-01T00:00:00Z",
            "2026-03-10T10:00:00Z, 15, 2026-02-15T00:00:00Z",
            "2026-03-15T00:00:00Z, 15, 2026-03-15T00:00:00Z",
            "2026-03-14T23:59:59Z, 15, 2026-02-15T00:00:00Z",
            "2026-01-05T00:00:00Z, 28, 2025-12-28T00:00:00Z",
            "2026-03-01T00:00:00Z, 28, 2026-02-28T00:00:00Z"})
    void aPeriodStartsOnTheLatestAnchorDayAtOrBeforeTheInstant(Instant instant, int anchorDay, Instant start) {
        assertThat(BillingPeriods.startOf(instant, anchorDay)).isEqualTo(start);
        assertThat(BillingPeriods.isBoundary(start, anchorDay)).isTrue();
        assertThat(BillingPeriods.isBoundary(start.plusSeconds(1), anchorDay)).isFalse();
    }
}

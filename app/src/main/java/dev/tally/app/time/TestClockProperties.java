package dev.tally.app.time;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Instant;

/** TALLY_TEST_CLOCK and TALLY_TEST_CLOCK_START: a clock that tests and demos move forward by hand. */
@ConfigurationProperties("tally.test-clock")
public record TestClockProperties(boolean enabled, Instant start) {
}

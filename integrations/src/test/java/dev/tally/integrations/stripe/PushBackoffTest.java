package dev.tally.integrations.stripe;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PushBackoffTest {

    @Test
    void doublesFromHalfAMinuteToAnHourAndStaysThere() {
        PushBackoff backoff = PushBackoff.DEFAULT;

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }
}

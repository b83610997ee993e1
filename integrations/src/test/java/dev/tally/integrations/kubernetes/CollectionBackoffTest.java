package dev.tally.integrations.kubernetes;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CollectionBackoffTest {

    private final CollectionBackoff backoff = new CollectionBackoff(Duration.ofMinutes(15));

    @Test
    void doublesTheIntervalPerConsecutiveFailureUpToTenIntervals() {
        assertThat(IntStream.rangeClosed(0, 6).mapToObj(backoff::delayAfter).map(Duration::toMinutes))
                .containsExactly(15L, 30L, 60L, 120L, 150L, 150L, 150L);
        assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(150));
        assertThat(backoff.longest()).isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void onlyTheFirstFailureOfAStreakIsReported() {
        CollectionState state = CollectionState.healthy();
        List<Boolean> reported = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            state = state.failedAgain();
            reported.add(state.startsStreak());
        }

        assertThat(reported).containsExactly(true, false, false, false);
        assertThat(state.consecutiveFailures()).isEqualTo(4);
        assertThat(CollectionState.healthy().failedAgain().startsStreak()).isTrue();
    }
}

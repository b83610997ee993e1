package dev.tally.app.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The limiter's windows on a clock the test moves. */
class RateLimiterTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00.250Z");

    private final MovableClock clock = new MovableClock(START);
    private final RateLimiter limiter = new RateLimiter(clock);

    @Test
    void letsTheLimitThroughInAMinuteThenRefusesUntilTheMinuteEnds() {
        long reset = Instant.parse("2026-01-01T00:01:01Z").getEpochSecond(); // 00:01:00.250, rounded up

        for (int remaining = 2; remaining >= 0; remaining--) {
            RateLimiter.Decision allowed = limiter.acquire("caller:admin", 3);
            assertThat(allowed.allowed()).isTrue();
            assertThat(allowed.limit()).isEqualTo(3);
            assertThat(allowed.remaining()).isEqualTo(remaining);
            assertThat(allowed.resetEpochSecond()).isEqualTo(reset);
            clock.advance(Duration.ofSeconds(10));
        }
        RateLimiter.Decision refused = limiter.acquire("caller:admin", 3);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.resetEpochSecond()).isEqualTo(reset);
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);

        clock.set(START.plus(Duration.ofMillis(59_999)));
        RateLimiter.Decision lastMoment = limiter.acquire("caller:admin", 3);
        assertThat(lastMoment.allowed()).isFalse();
        assertThat(lastMoment.retryAfterSeconds()).isEqualTo(1);

        clock.set(START.plus(Duration.ofMinutes(1)));
        RateLimiter.Decision next = limiter.acquire("caller:admin", 3);
        assertThat(next.allowed()).isTrue();
        assertThat(next.remaining()).isEqualTo(2);
        assertThat(next.resetEpochSecond()).isEqualTo(reset + 60);
    }

    @Test
    void aWindowStartsAtTheCallersFirstRequest() {
        clock.set(Instant.parse("2026-01-01T00:00:59Z"));
        limiter.acquire("caller:admin", 2);
        limiter.acquire("caller:admin", 2);

        clock.set(Instant.parse("2026-01-01T00:01:30Z"));
        RateLimiter.Decision refused = limiter.acquire("caller:admin", 2);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.resetEpochSecond()).isEqualTo(Instant.parse("2026-01-01T00:01:59Z").getEpochSecond());
        assertThat(refused.retryAfterSeconds()).isEqualTo(29);
    }

    @Test
    void eachCallerHasAWindowOfItsOwn() {
        limiter.acquire("caller:admin", 1);
        assertThat(limiter.acquire("caller:admin", 1).allowed()).isFalse();

        RateLimiter.Decision other = limiter.acquire("ip:127.0.0.1", 1);
        assertThat(other.allowed()).isTrue();
        assertThat(other.remaining()).isZero();
        assertThat(limiter.acquire("ip:127.0.0.2", 1).allowed()).isTrue();
    }

    @Test
    void concurrentRequestsOfOneCallerNeverLetMoreThanTheLimitThrough() throws Exception {
        int threads = 8;
        int requestsEach = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> callers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            callers.add(() -> {
                start.await();
                int allowed = 0;
                for (int request = 0; request < requestsEach; request++) {
                    allowed += limiter.acquire("caller:admin", 1_000).allowed() ? 1 : 0;
                }
                return allowed;
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> results = callers.stream().map(pool::submit).toList();
            start.countDown();
            int allowed = 0;
            for (Future<Integer> result : results) {
                allowed += result.get();
            }
            assertThat(allowed).isEqualTo(1_000);
        }
        assertThat(limiter.acquire("caller:admin", 1_000).remaining()).isZero();
    }

    @Test
    void windowsThatEndedAreDroppedWithinAMinute() {
        for (int i = 0; i < 1_000; i++) {
            limiter.acquire("ip:10.0.0." + i, 60);
        }
        assertThat(limiter.callers()).isEqualTo(1_000);

        clock.advance(Duration.ofSeconds(30));
        limiter.acquire("ip:10.0.1.1", 60);
        assertThat(limiter.callers()).isEqualTo(1_001);

        clock.advance(Duration.ofSeconds(30));
        limiter.acquire("ip:10.0.1.2", 60);
        assertThat(limiter.callers()).as("only the windows still open: 10.0.1.1's and 10.0.1.2's").isEqualTo(2);
    }

    @Test
    void aClockSetBackNeverHoldsACallerBackLongerThanAMinute() {
        limiter.acquire("caller:admin", 1);
        assertThat(limiter.acquire("caller:admin", 1).allowed()).isFalse();

        clock.set(START.minus(Duration.ofHours(1)));

        RateLimiter.Decision afterwards = limiter.acquire("caller:admin", 1);
        assertThat(afterwards.allowed()).isTrue();
        assertThat(afterwards.resetEpochSecond())
                .isEqualTo(START.minus(Duration.ofHours(1)).plusSeconds(61).getEpochSecond());
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        void advance(Duration duration) {
            now.updateAndGet(current -> current.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}

package dev.tally.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed one-minute windows, one per caller, each opened by the caller's first request after its previous window
 * ended: at most {@code limit} requests are let through in a window. A window is replaced atomically per caller
 * ({@link ConcurrentHashMap#compute}), so concurrent requests of one caller never let more through; its counter
 * stops at {@code limit + 1}. Memory: once a minute the windows that have ended are dropped, so only callers seen in
 * about the last two minutes are kept. A window of the future (the clock was set back) counts as ended, so a caller
 * is never held back for longer than a minute.
 */
final class RateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final long WINDOW_MILLIS = WINDOW.toMillis();

    /** What one request was answered, and what its rate-limit headers say. */
    record Decision(boolean allowed, int limit, int remaining, Instant resetsAt, long retryAfterSeconds) {

        /** When the window ends, in epoch seconds (rounded up, so a client waiting until then is let in). */
        long resetEpochSecond() {
            return resetsAt.getEpochSecond() + (resetsAt.getNano() > 0 ? 1 : 0);
        }
    }

    private record Window(long startMillis, int count) {

        long endMillis() {
            return startMillis + WINDOW_MILLIS;
        }

        boolean endedAt(long nowMillis) {
            return nowMillis >= endMillis() || nowMillis < startMillis;
        }
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepMillis;

    RateLimiter(Clock clock) {
        this.clock = clock;
        this.nextSweepMillis = new AtomicLong(clock.millis() + WINDOW_MILLIS);
    }

    /** Counts one request of {@code caller} against {@code limit} requests a window. */
    Decision acquire(String caller, int limit) {
        long now = clock.millis();
        sweepIfDue(now);
        Window window = windows.compute(caller, (key, current) -> {
            if (current == null || current.endedAt(now)) {
                return new Window(now, 1);
            }
            return current.count() > limit ? current : new Window(current.startMillis(), current.count() + 1);
        });
        long untilReset = window.endMillis() - now;
        return new Decision(window.count() <= limit, limit, Math.max(0, limit - window.count()),
                Instant.ofEpochMilli(window.endMillis()), Math.max(1, (untilReset + 999) / 1000));
    }

    /** Callers with a window kept, ended or not. */
    int callers() {
        return windows.size();
    }

    private void sweepIfDue(long now) {
        long next = nextSweepMillis.get();
        boolean due = now >= next || now < next - WINDOW_MILLIS; // the latter: the clock was set back
        // One thread sweeps; the others go on without waiting.
        if (!due || !nextSweepMillis.compareAndSet(next, now + WINDOW_MILLIS)) {
            return;
        }
        // remove(key, value) only removes the window the check saw, never one a request has just renewed.
        windows.forEach((caller, window) -> {
            if (window.endedAt(now)) {
                windows.remove(caller, window);
            }
        });
    }
}

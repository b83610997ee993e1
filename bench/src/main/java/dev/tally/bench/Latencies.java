package dev.tally.bench;

import java.util.Arrays;

/** Recorded latencies in nanoseconds, read as percentiles in milliseconds. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    synchronized void record(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The mean latency in milliseconds. */
    synchronized double meanMillis() {
        if (count == 0) {
            return Double.NaN;
        }
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += nanos[i];
        }
        return total / count / 1_000_000.0;
    }

    /** The latency below which {@code percent} of the recorded ones fall, in milliseconds. */
    synchronized double percentileMillis(double percent) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
    }
}

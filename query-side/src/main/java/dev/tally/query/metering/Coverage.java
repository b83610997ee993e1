package dev.tally.query.metering;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * How much of a period the scrapes of a cluster vouch for: the union of its scrape windows that were not gaps,
 * clipped to the period. Overlapping windows count once.
 */
final class Coverage {

    static final int SCALE = 4;

    /** The time from one scrape to the next. */
    record Window(Instant from, Instant to) {
    }

    private Coverage() {
    }

    static Duration covered(List<Window> windows, Period period) {
        List<Window> byStart = windows.stream().sorted(Comparator.comparing(Window::from)).toList();
        Duration covered = Duration.ZERO;
        Instant reached = period.from();
        for (Window window : byStart) {
            Instant start = window.from().isAfter(reached) ? window.from() : reached;
            Instant end = window.to().isBefore(period.to()) ? window.to() : period.to();
            if (start.isBefore(end)) {
                covered = covered.plus(Duration.between(start, end));
                reached = end;
            }
        }
        return covered;
    }

    /** The mean share of the period covered per cluster, rounded once; "0" with no clusters. */
    static String meanShare(List<Duration> coveredPerCluster, Period period) {
        if (coveredPerCluster.isEmpty()) {
            return "0";
        }
        BigDecimal covered = coveredPerCluster.stream().map(Coverage::seconds).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal possible = seconds(period.length()).multiply(BigDecimal.valueOf(coveredPerCluster.size()));
        return covered.divide(possible, SCALE, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }
}

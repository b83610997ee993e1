package dev.tally.domain.metering;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.GapFillPolicy;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.metering.MeteringPolicy;
import dev.tally.api.metering.PodSample;
import dev.tally.api.metering.UnattributedUsageMeasured;
import dev.tally.api.metering.UsageMeasured;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns a scrape and each pod's previous sample into usage per owner, window and hour. Pure: no clock and no state
 * of its own, so the Cluster aggregate (and a property test) gets the same answer for the same input.
 *
 * <p>Between two samples of a pod: counters (CPU nanoseconds, transmitted bytes) give their exact delta, counted
 * from zero after a restart (a new start time or a counter that went down); gauges (memory, requests, GPUs, volume
 * capacity) are integrated over the interval as the mean of the two samples. Across a gap, counters still give
 * their delta and gauges are left out unless the policy carries the last value forward. A window crossing an hour
 * boundary is split pro rata; the last part takes the remainder, so parts always add up to the whole.
 */
final class UsageCalculator {

    /** Whose usage a pod's is: an environment of an account, or nobody, for a reason. */
    sealed interface Owner {

        record Environment(EnvironmentId environmentId, AccountId accountId) implements Owner {
        }

        record Nobody(String namespace, String podName, String podUid, String reason) implements Owner {
        }
    }

    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);
    private static final BigDecimal PER_GIB = BigDecimal.ONE.divide(GIB);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final int SPLIT_SCALE = 12;

    private record Window(Owner owner, Instant from, Instant to, boolean gap, String previousScrapeId) {
    }

    /** What a meter used and requested over a window; either may be unknown (null). */
    private record Amounts(BigDecimal usage, BigDecimal request) {

        Amounts plus(Amounts other) {
            return new Amounts(add(usage, other.usage), add(request, other.request));
        }

        private static BigDecimal add(BigDecimal a, BigDecimal b) {
            return a == null ? b : b == null ? a : a.add(b);
        }
    }

    private UsageCalculator() {
    }

    /** The usage events of a scrape, in a stable order: by window, then owner. */
    static List<Object> measure(ClusterId clusterId, String scrapeId, Instant takenAt, List<PodSample> pods,
                                Map<String, ScrapeMeter.Baseline> baselines, MeteringPolicy policy,
                                Function<PodSample, Owner> owners) {
        Map<Window, Map<Meter, Amounts>> windows = new LinkedHashMap<>();
        for (PodSample pod : pods) {
            ScrapeMeter.Baseline baseline = baselines.get(pod.uid());
            if (baseline == null || !takenAt.isAfter(baseline.takenAt())) {
                continue;
            }
            Duration interval = Duration.between(baseline.takenAt(), takenAt);
            boolean gap = interval.compareTo(policy.maxInterval()) > 0;
            Map<Meter, Amounts> amounts = between(baseline.sample(), pod, interval, gap, policy.gapFill());
            if (amounts.isEmpty()) {
                continue;
            }
            Window window = new Window(owners.apply(pod), baseline.takenAt(), takenAt, gap, baseline.scrapeId());
            Map<Meter, Amounts> sums = windows.computeIfAbsent(window, key -> new EnumMap<>(Meter.class));
            amounts.forEach((meter, value) -> sums.merge(meter, value, Amounts::plus));
        }

        List<Object> events = new ArrayList<>();
        windows.forEach((window, sums) -> events.addAll(
                eventsFor(clusterId, scrapeId, window, quantities(sums, policy))));
        return events;
    }

    private static Map<Meter, Amounts> between(PodSample before, PodSample after, Duration interval, boolean gap,
                                               GapFillPolicy fill) {
        BigDecimal seconds = BigDecimal.valueOf(interval.toNanos()).movePointLeft(9);
        boolean restarted = !Objects.equals(before.startedAt(), after.startedAt())
                || wentDown(before.cpuUsageCoreNanoSeconds(), after.cpuUsageCoreNanoSeconds())
                || wentDown(before.networkTxBytes(), after.networkTxBytes());
        Gauge gauge = new Gauge(seconds, gap, fill);
        Map<Meter, Amounts> amounts = new EnumMap<>(Meter.class);

        BigDecimal cpuNanos = counterDelta(before.cpuUsageCoreNanoSeconds(), after.cpuUsageCoreNanoSeconds(), restarted);
        put(amounts, Meter.CPU, cpuNanos == null ? null : cpuNanos.movePointLeft(9),
                gauge.integrate(cpuCores(before), cpuCores(after)));
        put(amounts, Meter.EGRESS, counterDelta(before.networkTxBytes(), after.networkTxBytes(), restarted), null);
        put(amounts, Meter.MEMORY, gib(gauge.integrate(decimal(before.memoryWorkingSetBytes()),
                        decimal(after.memoryWorkingSetBytes()))),
                gib(gauge.integrate(memoryRequest(before), memoryRequest(after))));
        BigDecimal gpuSeconds = gauge.integrate(gpus(before), gpus(after));
        put(amounts, Meter.GPU, gpuSeconds, gpuSeconds);
        BigDecimal storage = gib(gauge.integrate(volumeBytes(before), volumeBytes(after)));
        put(amounts, Meter.STORAGE, storage, storage);
        return amounts;
    }

    /** A gauge integrated over an interval: the mean of both samples, or across a gap per the fill policy. */
    private record Gauge(BigDecimal seconds, boolean gap, GapFillPolicy fill) {

        BigDecimal integrate(BigDecimal before, BigDecimal after) {
            if (gap) {
                return fill == GapFillPolicy.CARRY_FORWARD && before != null ? before.multiply(seconds) : null;
            }
            if (before == null || after == null) {
                return null;
            }
            return before.add(after).divide(TWO).multiply(seconds);
        }
    }

    private static void put(Map<Meter, Amounts> amounts, Meter meter, BigDecimal usage, BigDecimal request) {
        if (usage != null || request != null) {
            amounts.put(meter, new Amounts(usage, request));
        }
    }

    private static boolean wentDown(Long before, Long after) {
        return before != null && after != null && after < before;
    }

    /** The counter's rise; after a restart the counter starts from zero, so all of it is new. */
    private static BigDecimal counterDelta(Long before, Long after, boolean restarted) {
        if (after == null) {
            return null;
        }
        if (restarted) {
            return BigDecimal.valueOf(after);
        }
        return before == null ? null : BigDecimal.valueOf(after - before);
    }

    /**
     * Byte-seconds in GiB-seconds, exactly: {@code byteSeconds.divide(GIB)}, with the same scale, computed as a product
     * with 2^-30 (a finite decimal), which is many times cheaper than an exact division.
     */
    private static BigDecimal gib(BigDecimal byteSeconds) {
        if (byteSeconds == null) {
            return null;
        }
        BigDecimal quotient = byteSeconds.multiply(PER_GIB).stripTrailingZeros();
        return quotient.scale() < byteSeconds.scale() ? quotient.setScale(byteSeconds.scale()) : quotient;
    }

    private static BigDecimal decimal(Long value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }

    private static BigDecimal cpuCores(PodSample pod) {
        return pod.requests() == null ? null : pod.requests().cpuCores();
    }

    private static BigDecimal memoryRequest(PodSample pod) {
        return pod.requests() == null ? null : decimal(pod.requests().memoryBytes());
    }

    private static BigDecimal gpus(PodSample pod) {
        return pod.requests() == null || pod.requests().gpus() == null || pod.requests().gpus() == 0
                ? null : BigDecimal.valueOf(pod.requests().gpus());
    }

    private static BigDecimal volumeBytes(PodSample pod) {
        if (pod.volumes() == null || pod.volumes().isEmpty()) {
            return null;
        }
        return BigDecimal.valueOf(pod.volumes().stream().mapToLong(PodSample.Volume::capacityBytes).sum());
    }

    private static List<MeteredQuantity> quantities(Map<Meter, Amounts> sums, MeteringPolicy policy) {
        List<MeteredQuantity> quantities = new ArrayList<>();
        sums.forEach((meter, amounts) -> {
            Basis basis = policy.basisOf(meter).given(amounts.request());
            BigDecimal billed = basis.billed(amounts.usage(), amounts.request());
            if (billed != null) {
                quantities.add(new MeteredQuantity(meter, basis, amounts.usage(), amounts.request(), billed));
            }
        });
        return quantities;
    }

    private static List<Object> eventsFor(ClusterId clusterId, String scrapeId, Window window,
                                          List<MeteredQuantity> quantities) {
        List<Object> events = new ArrayList<>();
        if (quantities.isEmpty()) {
            return events;
        }
        List<Instant> bounds = hourBounds(window.from(), window.to());
        List<List<MeteredQuantity>> parts = splitPerHour(quantities, bounds);
        List<String> scrapeIds = List.of(window.previousScrapeId(), scrapeId);
        for (int i = 0; i < parts.size(); i++) {
            Instant from = bounds.get(i);
            Instant to = bounds.get(i + 1);
            events.add(switch (window.owner()) {
                case Owner.Environment environment -> new UsageMeasured(clusterId, environment.accountId(),
                        environment.environmentId(), from, to, parts.get(i), scrapeIds, window.gap());
                case Owner.Nobody nobody -> new UnattributedUsageMeasured(clusterId, nobody.namespace(),
                        nobody.podName(), nobody.podUid(), nobody.reason(), from, to, parts.get(i), scrapeIds,
                        window.gap());
            });
        }
        return events;
    }

    /** from, every whole hour strictly between, to. */
    static List<Instant> hourBounds(Instant from, Instant to) {
        List<Instant> bounds = new ArrayList<>();
        bounds.add(from);
        for (Instant hour = from.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS); hour.isBefore(to);
             hour = hour.plus(1, ChronoUnit.HOURS)) {
            bounds.add(hour);
        }
        bounds.add(to);
        return bounds;
    }

    private static List<List<MeteredQuantity>> splitPerHour(List<MeteredQuantity> quantities, List<Instant> bounds) {
        int parts = bounds.size() - 1;
        List<List<MeteredQuantity>> result = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            result.add(new ArrayList<>());
        }
        for (MeteredQuantity quantity : quantities) {
            List<BigDecimal> usage = proRata(quantity.usage(), bounds);
            List<BigDecimal> request = proRata(quantity.request(), bounds);
            List<BigDecimal> billed = proRata(quantity.quantity(), bounds);
            for (int i = 0; i < parts; i++) {
                result.get(i).add(new MeteredQuantity(quantity.meter(), quantity.basis(), usage.get(i),
                        request.get(i), billed.get(i)));
            }
        }
        return result;
    }

    /**
     * Splits {@code amount} over the intervals between {@code bounds} by duration; the parts add up exactly. Parts
     * are rounded down and the last takes the remainder, so no part of a positive amount is ever negative.
     */
    static List<BigDecimal> proRata(BigDecimal amount, List<Instant> bounds) {
        long totalNanos = Duration.between(bounds.getFirst(), bounds.getLast()).toNanos();
        int parts = bounds.size() - 1;
        List<BigDecimal> split = new ArrayList<>(parts);
        if (amount == null) {
            for (int i = 0; i < parts; i++) {
                split.add(null);
            }
            return split;
        }
        BigDecimal assigned = BigDecimal.ZERO;
        for (int i = 0; i < parts - 1; i++) {
            long nanos = Duration.between(bounds.get(i), bounds.get(i + 1)).toNanos();
            BigDecimal part = amount.multiply(BigDecimal.valueOf(nanos))
                    .divide(BigDecimal.valueOf(totalNanos), Math.max(SPLIT_SCALE, amount.scale()), RoundingMode.DOWN);
            split.add(part);
            assigned = assigned.add(part);
        }
        split.add(amount.subtract(assigned));
        return split;
    }
}

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
import dev.tally.api.metering.UsageMeasured;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.tally.domain.PodSampleBuilder.GIB;
import static dev.tally.domain.PodSampleBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Splitting usage into hours over many random windows and amounts. Each repetition draws from its own seed, named
 * in the failure message, so a failing case can be replayed exactly.
 */
class UsageCalculatorPropertyTest {

    private static final long BASE_SEED = 0x5c4a9eL;
    private static final Instant EPOCH = Instant.parse("2026-03-02T00:00:00Z");
    private static final ClusterId EU_1 = ClusterId.of("eu-1");
    private static final UsageCalculator.Owner NOTEBOOK =
            new UsageCalculator.Owner.Environment(EnvironmentId.of("notebook"), AccountId.of("acme"));

    @RepeatedTest(500)
    void proRataPartsAddUpExactlyToTheAmount(RepetitionInfo repetition) {
        long seed = BASE_SEED + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        Instant from = randomInstant(random);
        Instant to = from.plusMillis(1 + random.nextLong(30 * 3_600_000L));
        BigDecimal amount = amount(random);
        List<Instant> bounds = UsageCalculator.hourBounds(from, to);

        List<BigDecimal> parts = UsageCalculator.proRata(amount, bounds);

        assertThat(parts).as("seed %d: %s over %s", seed, amount, bounds).hasSize(bounds.size() - 1);
        assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("seed %d: %s over %s split into %s", seed, amount, bounds, parts)
                .isEqualByComparingTo(amount);
    }

    @RepeatedTest(500)
    void proRataPartsOfAPositiveAmountAreNeverNegative(RepetitionInfo repetition) {
        long seed = BASE_SEED * 7 + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        Instant from = randomInstant(random);
        // Windows across several hours that end soon after one, the case where rounding piles up on the last part.
        Instant to = from.truncatedTo(ChronoUnit.HOURS).plus(2 + random.nextInt(6), ChronoUnit.HOURS)
                .plusMillis(1 + random.nextInt(60_000));
        BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(1_000), 9);
        List<Instant> bounds = UsageCalculator.hourBounds(from, to);

        List<BigDecimal> parts = UsageCalculator.proRata(amount, bounds);

        assertThat(parts).as("seed %d: %s core-seconds from %s to %s split into %s", seed, amount, from, to, parts)
                .allSatisfy(part -> assertThat(part.signum()).isNotNegative());
    }

    @RepeatedTest(300)
    void hourPartsOfAWindowAddUpToTheUnsplitQuantity(RepetitionInfo repetition) {
        long seed = BASE_SEED * 31 + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        Instant from = randomInstant(random);
        Instant to = from.plusMillis(1 + random.nextLong(30 * 3_600_000L));
        BigDecimal seconds = BigDecimal.valueOf(Duration.between(from, to).toMillis()).movePointLeft(3);
        long cpuBefore = random.nextLong(1L << 50);
        long cpuAfter = cpuBefore + random.nextLong(1L << 50);
        long memoryBefore = random.nextLong(64 * GIB);
        long memoryAfter = random.nextLong(64 * GIB);
        long txBefore = random.nextLong(1L << 40);
        long txAfter = txBefore + random.nextLong(1L << 40);
        String cores = BigDecimal.valueOf(random.nextInt(64_000) + 1, 3).toPlainString();
        long volume = random.nextLong(1L << 42);
        Basis basis = Basis.values()[random.nextInt(Basis.values().length)];
        MeteringPolicy policy = new MeteringPolicy(Map.of(Meter.CPU, basis, Meter.MEMORY, basis),
                Duration.ofDays(2), GapFillPolicy.NONE, Duration.ofMinutes(5));
        PodSample before = pod("web").cpuNanos(cpuBefore).memoryBytes(memoryBefore).txBytes(txBefore)
                .requests(cores, 2 * GIB, 1).volume("data", volume).build();
        PodSample after = pod("web").cpuNanos(cpuAfter).memoryBytes(memoryAfter).txBytes(txAfter)
                .requests(cores, 2 * GIB, 1).volume("data", volume).build();

        List<Object> events = UsageCalculator.measure(EU_1, "s2", to, List.of(after),
                Map.of(after.uid(), new ScrapeMeter.Baseline("s1", from, before)), policy, pod -> NOTEBOOK);

        String context = "seed %d: %s to %s".formatted(seed, from, to);
        List<UsageMeasured> parts = events.stream().map(UsageMeasured.class::cast).toList();
        assertThat(parts).as(context).hasSize(UsageCalculator.hourBounds(from, to).size() - 1);
        assertTilesTheWindowByHour(parts, from, to, context);
        BigDecimal cpuRequest = new BigDecimal(cores).multiply(seconds);
        BigDecimal memoryUsage = BigDecimal.valueOf(memoryBefore).add(BigDecimal.valueOf(memoryAfter))
                .multiply(seconds).divide(BigDecimal.valueOf(2 * GIB));
        BigDecimal memoryRequest = BigDecimal.valueOf(2).multiply(seconds);
        BigDecimal volumeSeconds = BigDecimal.valueOf(volume).multiply(seconds).divide(BigDecimal.valueOf(GIB));
        Map<Meter, Whole> expected = new EnumMap<>(Meter.class);
        expected.put(Meter.CPU, new Whole(BigDecimal.valueOf(cpuAfter - cpuBefore).movePointLeft(9), cpuRequest,
                basis));
        expected.put(Meter.MEMORY, new Whole(memoryUsage, memoryRequest, basis));
        expected.put(Meter.GPU, new Whole(seconds, seconds, Basis.USAGE));
        expected.put(Meter.STORAGE, new Whole(volumeSeconds, volumeSeconds, Basis.USAGE));
        expected.put(Meter.EGRESS, new Whole(BigDecimal.valueOf(txAfter - txBefore), null, Basis.USAGE));
        expected.forEach((meter, whole) -> {
            List<MeteredQuantity> quantities = parts.stream()
                    .map(part -> part.quantities().stream().filter(q -> q.meter() == meter).findFirst().orElseThrow())
                    .toList();
            assertThat(sum(quantities.stream().map(MeteredQuantity::usage).toList()))
                    .as("%s: %s usage", context, meter).isEqualByComparingTo(whole.usage());
            if (whole.request() == null) {
                assertThat(quantities).as("%s: %s request", context, meter)
                        .allSatisfy(q -> assertThat(q.request()).isNull());
            } else {
                assertThat(sum(quantities.stream().map(MeteredQuantity::request).toList()))
                        .as("%s: %s request", context, meter).isEqualByComparingTo(whole.request());
            }
            assertThat(sum(quantities.stream().map(MeteredQuantity::quantity).toList()))
                    .as("%s: %s quantity under %s", context, meter, whole.basis())
                    .isEqualByComparingTo(whole.billed());
        });
    }

    /** A meter's usage and request over the whole window, and what its basis bills. */
    private record Whole(BigDecimal usage, BigDecimal request, Basis basis) {

        BigDecimal billed() {
            return switch (basis) {
                case USAGE -> usage;
                case REQUEST -> request;
                case MAX -> usage.max(request);
            };
        }
    }

    private static void assertTilesTheWindowByHour(List<UsageMeasured> parts, Instant from, Instant to,
                                                   String context) {
        assertThat(parts.getFirst().from()).as(context).isEqualTo(from);
        assertThat(parts.getLast().to()).as(context).isEqualTo(to);
        for (int i = 0; i < parts.size(); i++) {
            UsageMeasured part = parts.get(i);
            assertThat(part.to()).as("%s: part %d", context, i).isAfter(part.from())
                    .isBeforeOrEqualTo(part.from().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS));
            if (i > 0) {
                assertThat(part.from()).as("%s: part %d", context, i).isEqualTo(parts.get(i - 1).to());
            }
        }
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Instant randomInstant(Random random) {
        return EPOCH.plusMillis(random.nextLong(7 * 24 * 3_600_000L));
    }

    /** From a nanosecond to about a million, with 0 to 12 decimals: core-seconds, GiB-seconds or bytes. */
    private static BigDecimal amount(Random random) {
        int scale = random.nextInt(13);
        BigInteger unscaled = new BigInteger(1 + random.nextInt(60), random);
        return new BigDecimal(unscaled, scale);
    }
}

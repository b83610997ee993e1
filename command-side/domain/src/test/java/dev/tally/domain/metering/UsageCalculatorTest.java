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
import dev.tally.domain.PodSampleBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tally.domain.PodSampleBuilder.GIB;
import static dev.tally.domain.PodSampleBuilder.pod;
import static dev.tally.domain.PublishedEvents.BY_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

/** The pure measurement between two samples of a pod: what is metered, what is not, and hour bounds. */
class UsageCalculatorTest {

    private static final ClusterId EU_1 = ClusterId.of("eu-1");
    private static final UsageCalculator.Owner NOTEBOOK =
            new UsageCalculator.Owner.Environment(EnvironmentId.of("notebook"), AccountId.of("acme"));
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final MeteringPolicy POLICY = new MeteringPolicy(Map.of(), Duration.ofSeconds(180),
            GapFillPolicy.NONE, Duration.ofMinutes(5));

    @Test
    void hourBoundsAreTheWindowsEndsAndEveryWholeHourStrictlyBetween() {
        assertThat(UsageCalculator.hourBounds(Instant.parse("2026-03-02T10:00:00Z"),
                Instant.parse("2026-03-02T12:00:00Z"))).containsExactly(Instant.parse("2026-03-02T10:00:00Z"),
                Instant.parse("2026-03-02T11:00:00Z"), Instant.parse("2026-03-02T12:00:00Z"));
        assertThat(UsageCalculator.hourBounds(Instant.parse("2026-03-02T10:30:00Z"),
                Instant.parse("2026-03-02T10:45:00Z"))).containsExactly(Instant.parse("2026-03-02T10:30:00Z"),
                Instant.parse("2026-03-02T10:45:00Z"));
    }

    @Test
    void proRataSplitsByDuration() {
        List<Instant> bounds = List.of(T0, T0.plusSeconds(1), T0.plusSeconds(3), T0.plusSeconds(6));

        assertThat(UsageCalculator.proRata(new BigDecimal("6"), bounds))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ONE, BigDecimal.TWO, new BigDecimal("3"));
    }

    @Test
    void proRataPartsThatDoNotDivideAddUpExactlyAtTwelveDecimals() {
        List<Instant> bounds = List.of(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));

        List<BigDecimal> parts = UsageCalculator.proRata(BigDecimal.ONE, bounds);

        assertThat(parts).allSatisfy(part -> assertThat(part)
                .isBetween(new BigDecimal("0.333333333333"), new BigDecimal("0.333333333334")));
        assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1");
    }

    @Test
    void meterNotReportedInEitherSampleIsNotMetered() {
        assertThat(measure(pod("web").cpuNanos(0), pod("web").cpuNanos(60_000_000_000L)))
                .extracting(MeteredQuantity::meter).containsExactly(Meter.CPU);
    }

    @Test
    void counterWithoutEarlierValueIsNotMetered() {
        assertThat(measure(pod("web").memoryBytes(GIB), pod("web").memoryBytes(GIB).cpuNanos(60_000_000_000L)))
                .extracting(MeteredQuantity::meter).containsExactly(Meter.MEMORY);
    }

    @Test
    void podWithoutGpusIsNotMeteredForGpus() {
        assertThat(measure(pod("web").cpuNanos(0).memoryBytes(GIB).requests("1", GIB, 0),
                pod("web").cpuNanos(60_000_000_000L).memoryBytes(GIB).requests("1", GIB, 0)))
                .extracting(MeteredQuantity::meter).containsExactly(Meter.CPU, Meter.MEMORY);
    }

    @Test
    void receivedBytesAreNotEgress() {
        assertThat(measure(pod("web").rxBytes(0), pod("web").rxBytes(1_000_000))).isEmpty();
    }

    @Test
    void volumesOfAPodAreSummed() {
        assertThat(measure(pod("web").volume("data", 10 * GIB).volume("logs", 2 * GIB),
                pod("web").volume("data", 10 * GIB).volume("logs", 2 * GIB)))
                .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                .containsExactly(new MeteredQuantity(Meter.STORAGE, Basis.USAGE, new BigDecimal("720"),
                        new BigDecimal("720"), new BigDecimal("720")));
    }

    @Test
    void sampleNoNewerThanItsBaselineMeasuresNothing() {
        PodSample baseline = pod("web").cpuNanos(0).build();

        assertThat(UsageCalculator.measure(EU_1, "s2", T0, List.of(pod("web").cpuNanos(60_000_000_000L).build()),
                Map.of(baseline.uid(), new ScrapeMeter.Baseline("s1", T0, baseline)), POLICY, pod -> NOTEBOOK))
                .isEmpty();
    }

    @Test
    void meterBilledOnARequestThatWasNeverSetIsBilledOnItsUsage() {
        MeteringPolicy byRequest = new MeteringPolicy(Map.of(Meter.EGRESS, Basis.REQUEST, Meter.CPU, Basis.REQUEST),
                Duration.ofSeconds(180), GapFillPolicy.NONE, Duration.ofMinutes(5));

        assertThat(measure(pod("web").txBytes(0).cpuNanos(0), pod("web").txBytes(5_000).cpuNanos(30_000_000_000L),
                byRequest))
                .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                .containsExactly(
                        new MeteredQuantity(Meter.CPU, Basis.USAGE, new BigDecimal("30"), null, new BigDecimal("30")),
                        new MeteredQuantity(Meter.EGRESS, Basis.USAGE, new BigDecimal("5000"), null,
                                new BigDecimal("5000")));
    }

    private static List<MeteredQuantity> measure(PodSampleBuilder before, PodSampleBuilder after) {
        return measure(before, after, POLICY);
    }

    private static List<MeteredQuantity> measure(PodSampleBuilder before, PodSampleBuilder after,
                                                 MeteringPolicy policy) {
        PodSample first = before.build();
        List<Object> events = UsageCalculator.measure(EU_1, "s2", T1, List.of(after.build()),
                Map.of(first.uid(), new ScrapeMeter.Baseline("s1", T0, first)), policy, pod -> NOTEBOOK);
        assertThat(events).hasSizeLessThanOrEqualTo(1);
        return events.isEmpty() ? List.of() : ((UsageMeasured) events.getFirst()).quantities();
    }
}

package dev.tally.domain.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.cluster.AccountAssignedToCluster;
import dev.tally.api.cluster.ClusterRegistered;
import dev.tally.api.cluster.EnvironmentAttached;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.GapFillPolicy;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.metering.MeteringPolicy;
import dev.tally.api.metering.MeteringPolicySource;
import dev.tally.api.metering.PodSample;
import dev.tally.api.metering.RecordScrape;
import dev.tally.api.metering.ScrapeRecorded;
import dev.tally.api.metering.ScrapeResult;
import dev.tally.api.metering.UsageMeasured;
import dev.tally.domain.PodSampleBuilder;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.tally.domain.PodSampleBuilder.GIB;
import static dev.tally.domain.PodSampleBuilder.pod;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Cluster fed long random scrape sequences: random intervals (gaps among them), growth and restarts. Each
 * repetition draws from its own seed, named in the failure message, so a failing case can be replayed exactly.
 */
class ClusterScrapePropertyTest {

    private static final long BASE_SEED = 0x5c2a9eL;
    private static final ClusterId EU_1 = ClusterId.of("eu-1");
    private static final AccountId ACME = AccountId.of("acme");
    private static final EnvironmentId NOTEBOOK = EnvironmentId.of("notebook");
    private static final String NAMESPACE = "acme-ns";
    private static final Instant EPOCH = Instant.parse("2026-03-02T00:00:00Z");
    private static final MeteringPolicy POLICY = new MeteringPolicy(
            Map.of(Meter.CPU, Basis.USAGE, Meter.MEMORY, Basis.USAGE, Meter.EGRESS, Basis.USAGE),
            Duration.ofSeconds(180), GapFillPolicy.NONE, Duration.ofMinutes(5));

    @RepeatedTest(200)
    void cpuBilledOverAllWindowsIsTheCountersRiseAcrossRestarts(RepetitionInfo repetition) {
        long seed = BASE_SEED + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        PodHistory web = new PodHistory(random, "web", builder -> builder.environment(NOTEBOOK.value()));
        List<RecordScrape> scrapes = new ArrayList<>();
        Instant takenAt = EPOCH.plusMillis(random.nextInt(3_600_000));
        scrapes.add(scrape(1, takenAt, web.first(takenAt)));
        int samples = 2 + random.nextInt(39);
        for (int i = 2; i <= samples; i++) {
            takenAt = takenAt.plusMillis(1_000 + random.nextInt(400_000));
            scrapes.add(scrape(i, takenAt, web.next(takenAt)));
        }

        List<Object> events = recordAll(scrapes);

        BigDecimal billed = events.stream().filter(UsageMeasured.class::isInstance).map(UsageMeasured.class::cast)
                .flatMap(usage -> usage.quantities().stream()).filter(quantity -> quantity.meter() == Meter.CPU)
                .map(MeteredQuantity::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(billed).as("seed %d: %s", seed, web.story())
                .isEqualByComparingTo(BigDecimal.valueOf(web.riseNanos()).movePointLeft(9));
    }

    @RepeatedTest(100)
    void replayingAcceptedScrapesAnswersThemAndChangesNothing(RepetitionInfo repetition) {
        long seed = BASE_SEED * 31 + repetition.getCurrentRepetition();
        Random random = new Random(seed);
        List<PodHistory> pods = List.of(
                new PodHistory(random, "web", builder -> builder.environment(NOTEBOOK.value())),
                new PodHistory(random, "worker", builder -> builder.environment(NOTEBOOK.value()).account("acme")),
                new PodHistory(random, "stray", builder -> { }),
                new PodHistory(random, "elsewhere", builder -> builder.environment("nowhere")));
        List<RecordScrape> scrapes = new ArrayList<>();
        Instant takenAt = EPOCH.plusMillis(random.nextInt(3_600_000));
        int count = 1 + random.nextInt(20);
        for (int i = 1; i <= count; i++) {
            Instant at = takenAt;
            scrapes.add(scrape(i, at, pods.stream().filter(pod -> random.nextInt(5) > 0)
                    .map(pod -> pod.sampleAt(at)).toArray(PodSample[]::new)));
            takenAt = takenAt.plusMillis(1_000 + random.nextInt(400_000));
        }
        List<Object> once = recordAll(scrapes);
        Map<String, ScrapeResult> firstResults = once.stream().filter(ScrapeRecorded.class::isInstance)
                .map(ScrapeRecorded.class::cast).collect(Collectors.toMap(ScrapeRecorded::scrapeId, ScrapeRecorded::result));
        List<RecordScrape> replay = new ArrayList<>(scrapes.stream()
                .map(scrape -> new RecordScrape(scrape.clusterId(), scrape.scrapeId(), scrape.takenAt(),
                        scrape.takenAt().plusSeconds(random.nextInt(86_400)), scrape.pods()))
                .toList());
        Collections.shuffle(replay, random);
        replay = replay.subList(0, 1 + random.nextInt(replay.size()));
        RecordScrape last = replay.getLast();

        AggregateTestFixture<Cluster> fixture = fixture();
        fixture.given(setUp())
                .andGivenCommands(Stream.concat(scrapes.stream(), replay.stream().limit(replay.size() - 1)).toList())
                .when(last)
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(firstResults.get(last.scrapeId()).asDuplicate())
                .expectNoEvents();
        assertThat(eventsOf(fixture)).as("seed %d: events after replaying %s", seed,
                replay.stream().map(RecordScrape::scrapeId).toList()).isEqualTo(once);
        assertThat(once).as("seed %d: the sequence measured something", seed)
                .hasSizeGreaterThanOrEqualTo(3 + scrapes.size());
    }

    /** The scrapes, in order, on a cluster with acme's notebook attached: every event the cluster then has. */
    private static List<Object> recordAll(List<RecordScrape> scrapes) {
        AggregateTestFixture<Cluster> fixture = fixture();
        ResultValidator<Cluster> result = fixture.given(setUp())
                .andGivenCommands(scrapes.subList(0, scrapes.size() - 1))
                .when(scrapes.getLast());
        result.expectSuccessfulHandlerExecution();
        return eventsOf(fixture);
    }

    private static AggregateTestFixture<Cluster> fixture() {
        AggregateTestFixture<Cluster> fixture = new AggregateTestFixture<>(Cluster.class);
        fixture.registerInjectableResource((MeteringPolicySource) interval -> POLICY);
        return fixture;
    }

    private static List<Object> eventsOf(AggregateTestFixture<Cluster> fixture) {
        return fixture.getEventStore().readEvents(EU_1.aggregateId()).asStream().map(Message::getPayload)
                .map(Object.class::cast).toList();
    }

    private static List<Object> setUp() {
        return List.of(new ClusterRegistered(EU_1, "EU 1", "https://k8s.eu-1.test", null, 2, 60, EPOCH),
                new AccountAssignedToCluster(EU_1, ACME),
                new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE));
    }

    private static RecordScrape scrape(int number, Instant takenAt, PodSample... pods) {
        return new RecordScrape(EU_1, "s" + number, takenAt, takenAt.plusSeconds(1), List.of(pods));
    }

    /**
     * One pod's samples over time: its CPU and transmit counters grow, and now and then it restarts, seen either by a
     * new start time (the counters start again from zero, and may already be above where they were) or only by the
     * counters going down. Keeps what the counters rose by, counting a restarted counter from zero.
     */
    private static final class PodHistory {

        private final Random random;
        private final String name;
        private final Consumer<PodSampleBuilder> labels;
        private final List<String> story = new ArrayList<>();
        private Instant startedAt;
        private Instant lastTakenAt;
        private long cpuNanos;
        private long txBytes;
        private long riseNanos;
        private boolean seen;

        PodHistory(Random random, String name, Consumer<PodSampleBuilder> labels) {
            this.random = random;
            this.name = name;
            this.labels = labels;
        }

        PodSample first(Instant takenAt) {
            startedAt = takenAt.minusSeconds(random.nextInt(86_400));
            cpuNanos = random.nextLong(1L << 45);
            txBytes = random.nextLong(1L << 40);
            lastTakenAt = takenAt;
            seen = true;
            story.add(takenAt + " first " + cpuNanos);
            return sample();
        }

        PodSample next(Instant takenAt) {
            long intervalMillis = Duration.between(lastTakenAt, takenAt).toMillis();
            int roll = random.nextInt(10);
            if (roll == 0) {
                startedAt = takenAt.minusMillis(random.nextLong(intervalMillis));
                cpuNanos = random.nextLong(intervalMillis * 4_000_000L + 1);
                txBytes = random.nextLong(1L << 30);
                riseNanos += cpuNanos;
                story.add(takenAt + " restarted at " + startedAt + " " + cpuNanos);
            } else if (roll == 1 && cpuNanos > 0) {
                cpuNanos = random.nextLong(cpuNanos);
                txBytes = random.nextLong(txBytes + 1);
                riseNanos += cpuNanos;
                story.add(takenAt + " restarted (counter down) " + cpuNanos);
            } else {
                long rise = random.nextLong(intervalMillis * 4_000_000L + 1);
                cpuNanos += rise;
                txBytes += random.nextLong(1L << 30);
                riseNanos += rise;
                story.add(takenAt + " +" + rise);
            }
            lastTakenAt = takenAt;
            return sample();
        }

        PodSample sampleAt(Instant takenAt) {
            return seen ? next(takenAt) : first(takenAt);
        }

        long riseNanos() {
            return riseNanos;
        }

        List<String> story() {
            return story;
        }

        private PodSample sample() {
            PodSampleBuilder builder = pod(name).startedAt(startedAt).cpuNanos(cpuNanos)
                    .txBytes(txBytes).memoryBytes(random.nextLong(8 * GIB)).requests("1.5", 2 * GIB, null);
            labels.accept(builder);
            return builder.build();
        }
    }
}

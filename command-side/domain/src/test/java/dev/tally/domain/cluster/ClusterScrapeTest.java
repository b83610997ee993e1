package dev.tally.domain.cluster;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.cluster.AccountAssignedToCluster;
import dev.tally.api.cluster.ClusterDeregistered;
import dev.tally.api.cluster.ClusterRegistered;
import dev.tally.api.cluster.EnvironmentAttached;
import dev.tally.api.cluster.EnvironmentDetached;
import dev.tally.api.metering.Basis;
import dev.tally.api.metering.GapFillPolicy;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.metering.MeteringPolicy;
import dev.tally.api.metering.MeteringPolicySource;
import dev.tally.api.metering.PodSample;
import dev.tally.api.metering.RecordScrape;
import dev.tally.api.metering.ScrapeGapDetected;
import dev.tally.api.metering.ScrapeRecorded;
import dev.tally.api.metering.ScrapeResult;
import dev.tally.api.metering.UnattributedUsageMeasured;
import dev.tally.api.metering.UsageMeasured;
import dev.tally.domain.PodSampleBuilder;
import dev.tally.domain.PublishedEvents;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.api.ErrorCode.SCRAPE_OUT_OF_ORDER;
import static dev.tally.api.ErrorCode.VALIDATION_ERROR;
import static dev.tally.api.metering.Meter.CPU;
import static dev.tally.api.metering.Meter.EGRESS;
import static dev.tally.api.metering.Meter.GPU;
import static dev.tally.api.metering.Meter.MEMORY;
import static dev.tally.api.metering.Meter.STORAGE;
import static dev.tally.domain.DomainExceptionMatcher.domainException;
import static dev.tally.domain.PodSampleBuilder.GIB;
import static dev.tally.domain.PodSampleBuilder.pod;
import static dev.tally.domain.PublishedEvents.BY_VALUE;
import static org.assertj.core.api.Assertions.assertThat;

/** RecordScrape: baselines, usage per environment and hour, repeats, order, gaps, restarts and attribution. */
class ClusterScrapeTest {

    private static final ClusterId EU_1 = ClusterId.of("eu-1");
    private static final AccountId ACME = AccountId.of("acme");
    private static final EnvironmentId NOTEBOOK = EnvironmentId.of("notebook");
    private static final EnvironmentId BATCH = EnvironmentId.of("batch");
    private static final String NAMESPACE = "acme-ns";
    private static final int SCRAPE_INTERVAL_SECONDS = 60;
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant POD_STARTED_AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(180);
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    private static final MeteringPolicy POLICY = policy(Basis.USAGE, GapFillPolicy.NONE);
    /** What the source answers for any other interval than the cluster's: a test would notice it in the events. */
    private static final MeteringPolicy OTHER_POLICY = new MeteringPolicy(Map.of(), Duration.ofSeconds(1),
            GapFillPolicy.CARRY_FORWARD, Duration.ZERO);

    private AggregateTestFixture<Cluster> fixture;
    private MeteringPolicy policy = POLICY;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cluster.class);
        fixture.registerInjectableResource((MeteringPolicySource) interval ->
                interval == SCRAPE_INTERVAL_SECONDS ? policy : OTHER_POLICY);
    }

    @Test
    void firstScrapeOnlySetsBaselines() {
        ScrapeResult result = new ScrapeResult("s1", T0, 1, 0, 0, false, false);

        givenAcmeOnCluster()
                .when(scrape("s1", T0, web(0, GIB, 0)))
                .expectResultMessagePayload(result)
                .expectEvents(new ScrapeRecorded(EU_1, "s1", T0, null, null, List.of(web(0, GIB, 0)), POLICY, result));
    }

    @Test
    void secondScrapeMeasuresUsageOfAttachedEnvironmentsPod() {
        ScrapeResult result = new ScrapeResult("s2", T1, 1, 1, 0, false, false);

        ResultValidator<Cluster> validator = givenAcmeOnCluster(first(web(0, GIB, 0)))
                .when(scrape("s2", T1, web(120_000_000_000L, GIB, 5_000_000)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(result);

        assertThat(PublishedEvents.of(validator)).usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(
                new ScrapeRecorded(EU_1, "s2", T1, "s1", T0, List.of(web(120_000_000_000L, GIB, 5_000_000)), POLICY,
                        result),
                new UsageMeasured(EU_1, ACME, NOTEBOOK, T0, T1, List.of(
                        quantity(CPU, Basis.USAGE, "120", "240", "120"),
                        quantity(MEMORY, Basis.USAGE, "60", "120", "60"),
                        quantity(GPU, Basis.USAGE, "60", "60", "60"),
                        quantity(STORAGE, Basis.USAGE, "600", "600", "600"),
                        quantity(EGRESS, Basis.USAGE, "5000000", null, "5000000")),
                        List.of("s1", "s2"), false));
    }

    @Test
    void gaugesAreTimeWeightedBetweenSamples() {
        PodSample before = pod("web").environment("notebook").memoryBytes(GIB).requests(null, 2 * GIB, null).build();
        PodSample after = pod("web").environment("notebook").memoryBytes(3 * GIB).requests(null, 4 * GIB, null).build();

        assertOneWindow(before, after, quantity(MEMORY, Basis.USAGE, "120", "180", "120"));
    }

    @Test
    void podsOfOneEnvironmentAreSummedIntoOneWindowPerEnvironment() {
        PodSample webBefore = pod("web").environment("notebook").cpuNanos(0).build();
        PodSample workerBefore = pod("worker").environment("notebook").cpuNanos(1_000_000_000L).build();
        PodSample jobBefore = pod("job").environment("batch").cpuNanos(0).build();
        PodSample webAfter = pod("web").environment("notebook").cpuNanos(30_000_000_000L).build();
        PodSample workerAfter = pod("worker").environment("notebook").cpuNanos(11_500_000_000L).build();
        PodSample jobAfter = pod("job").environment("batch").cpuNanos(7_000_000_000L).build();

        ResultValidator<Cluster> validator = givenAcmeOnCluster(
                        new EnvironmentAttached(EU_1, BATCH, ACME, NAMESPACE), first(webBefore, workerBefore, jobBefore))
                .when(scrape("s2", T1, webAfter, workerAfter, jobAfter))
                .expectResultMessagePayload(new ScrapeResult("s2", T1, 3, 2, 0, false, false));

        assertThat(usageOf(validator)).usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(
                new UsageMeasured(EU_1, ACME, NOTEBOOK, T0, T1, List.of(cpu("40.5")), List.of("s1", "s2"), false),
                new UsageMeasured(EU_1, ACME, BATCH, T0, T1, List.of(cpu("7")), List.of("s1", "s2"), false));
    }

    @Test
    void podSeenForTheFirstTimeOnlySetsItsBaseline() {
        PodSample newcomer = pod("worker").environment("notebook").cpuNanos(900_000_000_000L).build();

        assertThat(usageOf(givenAcmeOnCluster(first(cpuPod("web", 0)))
                .when(scrape("s2", T1, cpuPod("web", 6_000_000_000L), newcomer))))
                .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                .containsExactly(new UsageMeasured(EU_1, ACME, NOTEBOOK, T0, T1, List.of(cpu("6")),
                        List.of("s1", "s2"), false));
    }

    @Test
    void podMissingFromAScrapeIsMeasuredFromItsLastSample() {
        PodSample workerBefore = pod("worker").environment("batch").cpuNanos(0).build();
        PodSample workerAfter = pod("worker").environment("batch").cpuNanos(12_000_000_000L).build();

        ResultValidator<Cluster> validator = givenAcmeOnCluster(
                        new EnvironmentAttached(EU_1, BATCH, ACME, NAMESPACE),
                        first(cpuPod("web", 0), workerBefore),
                        recorded("s2", T1, "s1", T0, new ScrapeResult("s2", T1, 1, 1, 0, false, false),
                                cpuPod("web", 6_000_000_000L)))
                .when(scrape("s3", T2, cpuPod("web", 9_000_000_000L), workerAfter));

        assertThat(usageOf(validator)).usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(
                new UsageMeasured(EU_1, ACME, NOTEBOOK, T1, T2, List.of(cpu("3")), List.of("s2", "s3"), false),
                new UsageMeasured(EU_1, ACME, BATCH, T0, T2, List.of(cpu("12")), List.of("s1", "s3"), false));
    }

    @Test
    void scrapeIsMeasuredUnderThePolicyForTheClustersScrapeInterval() {
        ScrapeResult result = new ScrapeResult("s1", T0, 0, 0, 0, false, false);

        fixture.given(new ClusterRegistered(EU_1, "EU 1", "https://k8s.eu-1.test", null, 2, 30, T0))
                .when(scrape("s1", T0))
                .expectEvents(new ScrapeRecorded(EU_1, "s1", T0, null, null, List.of(), OTHER_POLICY, result));
    }

    @Test
    void repeatedScrapeIsAnsweredWithItsFirstResultAndChangesNothing() {
        givenAcmeOnCluster()
                .andGivenCommands(scrape("s1", T0, web(0, GIB, 0)), scrape("s2", T1, web(120_000_000_000L, GIB, 0)))
                .when(scrape("s2", T1, web(120_000_000_000L, GIB, 0)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new ScrapeResult("s2", T1, 1, 1, 0, false, true))
                .expectNoEvents();
    }

    @Test
    void repeatOfAnEarlierScrapeIsAnsweredRatherThanRefusedAsOutOfOrder() {
        givenAcmeOnCluster()
                .andGivenCommands(scrape("s1", T0, web(0, GIB, 0)), scrape("s2", T1, web(120_000_000_000L, GIB, 0)))
                .when(scrape("s1", T0, web(0, GIB, 0)))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new ScrapeResult("s1", T0, 1, 0, 0, false, true))
                .expectNoEvents();
    }

    @Test
    void cannotRecordScrapeTakenBeforeTheLastOne() {
        givenAcmeOnCluster(first(web(0, GIB, 0)))
                .when(scrape("s2", T0.minusSeconds(1), web(60_000_000_000L, GIB, 0)))
                .expectException(domainException(SCRAPE_OUT_OF_ORDER))
                .expectNoEvents();
    }

    @Test
    void cannotRecordAnotherScrapeTakenAtTheSameInstantAsTheLastOne() {
        givenAcmeOnCluster(first(web(0, GIB, 0)))
                .when(scrape("s2", T0, web(60_000_000_000L, GIB, 0)))
                .expectException(domainException(SCRAPE_OUT_OF_ORDER))
                .expectNoEvents();
    }

    @Test
    void cannotRecordScrapeTakenFurtherInTheFutureThanTheTolerance() {
        Instant receivedAt = T0;
        givenAcmeOnCluster()
                .when(new RecordScrape(EU_1, "s1", receivedAt.plus(FUTURE_TOLERANCE).plusSeconds(1), receivedAt,
                        List.of(web(0, GIB, 0))))
                .expectException(domainException(VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void canRecordScrapeTakenInTheFutureWithinTheTolerance() {
        Instant receivedAt = T0;
        Instant takenAt = receivedAt.plus(FUTURE_TOLERANCE);
        ScrapeResult result = new ScrapeResult("s1", takenAt, 1, 0, 0, false, false);

        givenAcmeOnCluster()
                .when(new RecordScrape(EU_1, "s1", takenAt, receivedAt, List.of(web(0, GIB, 0))))
                .expectResultMessagePayload(result)
                .expectEvents(new ScrapeRecorded(EU_1, "s1", takenAt, null, null, List.of(web(0, GIB, 0)), POLICY,
                        result));
    }

    @Test
    void cannotRecordScrapeCarryingAPodTwice() {
        PodSample web = pod("web").uid("uid-1").environment("notebook").cpuNanos(0).build();
        PodSample sameUid = pod("web-again").uid("uid-1").environment("notebook").cpuNanos(0).build();

        givenAcmeOnCluster()
                .when(scrape("s1", T0, web, sameUid))
                .expectException(domainException(VALIDATION_ERROR))
                .expectNoEvents();
    }

    @Test
    void cannotRecordScrapeOfDeregisteredCluster() {
        givenAcmeOnCluster(new ClusterDeregistered(EU_1, T0.minusSeconds(1)))
                .when(scrape("s1", T0, web(0, GIB, 0)))
                .expectException(domainException(CONFLICT))
                .expectNoEvents();
    }

    @Test
    void windowAcrossAnHourIsSplitProRata() {
        Instant from = Instant.parse("2026-03-02T10:59:40Z");
        Instant hour = Instant.parse("2026-03-02T11:00:00Z");
        Instant to = Instant.parse("2026-03-02T11:00:40Z");

        assertThat(usageOf(givenAcmeOnCluster(recorded("s1", from, null, null,
                        new ScrapeResult("s1", from, 1, 0, 0, false, false), web(0, GIB, 0)))
                .when(scrape("s2", to, web(120_000_000_000L, GIB, 6_000_000)))))
                .usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(
                        new UsageMeasured(EU_1, ACME, NOTEBOOK, from, hour, List.of(
                                quantity(CPU, Basis.USAGE, "40", "80", "40"),
                                quantity(MEMORY, Basis.USAGE, "20", "40", "20"),
                                quantity(GPU, Basis.USAGE, "20", "20", "20"),
                                quantity(STORAGE, Basis.USAGE, "200", "200", "200"),
                                quantity(EGRESS, Basis.USAGE, "2000000", null, "2000000")),
                                List.of("s1", "s2"), false),
                        new UsageMeasured(EU_1, ACME, NOTEBOOK, hour, to, List.of(
                                quantity(CPU, Basis.USAGE, "80", "160", "80"),
                                quantity(MEMORY, Basis.USAGE, "40", "80", "40"),
                                quantity(GPU, Basis.USAGE, "40", "40", "40"),
                                quantity(STORAGE, Basis.USAGE, "400", "400", "400"),
                                quantity(EGRESS, Basis.USAGE, "4000000", null, "4000000")),
                                List.of("s1", "s2"), false));
    }

    @Test
    void hourPartsAddUpExactlyWhenTheQuantityDoesNotDivide() {
        Instant from = Instant.parse("2026-03-02T10:59:50Z");
        Instant hour = Instant.parse("2026-03-02T11:00:00Z");
        Instant to = Instant.parse("2026-03-02T11:00:20Z");

        List<Object> usage = usageOf(givenAcmeOnCluster(recorded("s1", from, null, null,
                        new ScrapeResult("s1", from, 1, 0, 0, false, false), cpuPod("web", 0)))
                .when(scrape("s2", to, cpuPod("web", 100))));

        assertThat(usage).usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(
                new UsageMeasured(EU_1, ACME, NOTEBOOK, from, hour, List.of(cpu("0.000000033333")),
                        List.of("s1", "s2"), false),
                new UsageMeasured(EU_1, ACME, NOTEBOOK, hour, to, List.of(cpu("0.000000066667")),
                        List.of("s1", "s2"), false));
        assertThat(usage.stream().map(event -> ((UsageMeasured) event).quantities().getFirst().quantity())
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.0000001");
    }

    /** Rounding of the earlier hours must not leave a negative remainder for the last: no usage is ever negative. */
    @Test
    void hourPartsOfATinyQuantityAreNeverNegative() {
        Instant from = Instant.parse("2026-03-02T10:07:15.684Z");
        Instant to = Instant.parse("2026-03-02T13:00:00.697Z");

        List<Object> usage = usageOf(givenAcmeOnCluster(recorded("s1", from, null, null,
                        new ScrapeResult("s1", from, 1, 0, 0, false, false), cpuPod("web", 0)))
                .when(scrape("s2", to, cpuPod("web", 2))));

        assertThat(usage).hasSize(4).allSatisfy(event -> assertThat(((UsageMeasured) event).quantities())
                .allSatisfy(quantity -> assertThat(quantity.quantity().signum()).as("%s", event).isNotNegative()));
    }

    /** Timestamps carry nanoseconds; two scrapes less than a millisecond apart across an hour are still measured. */
    @Test
    void windowShorterThanAMillisecondAcrossAnHourIsMeasured() {
        Instant from = Instant.parse("2026-03-02T10:59:59.9999Z");
        Instant to = Instant.parse("2026-03-02T11:00:00.0004Z");

        List<Object> usage = usageOf(givenAcmeOnCluster(recorded("s1", from, null, null,
                        new ScrapeResult("s1", from, 1, 0, 0, false, false), cpuPod("web", 0)))
                .when(scrape("s2", to, cpuPod("web", 500))));

        assertThat(usage.stream().map(event -> ((UsageMeasured) event).quantities().getFirst().quantity())
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("0.0000005");
    }

    @Test
    void gapBillsCounterDeltasAcrossItButNoGauges() {
        Instant afterGap = T0.plusSeconds(300);
        ScrapeResult result = new ScrapeResult("s2", afterGap, 1, 1, 0, true, false);

        ResultValidator<Cluster> validator = givenAcmeOnCluster(first(web(0, GIB, 0)))
                .when(scrape("s2", afterGap, web(150_000_000_000L, GIB, 9_000_000)))
                .expectResultMessagePayload(result);

        assertThat(PublishedEvents.of(validator)).usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(
                new ScrapeGapDetected(EU_1, T0, afterGap, "s1", "s2", GapFillPolicy.NONE),
                new ScrapeRecorded(EU_1, "s2", afterGap, "s1", T0, List.of(web(150_000_000_000L, GIB, 9_000_000)),
                        POLICY, result),
                new UsageMeasured(EU_1, ACME, NOTEBOOK, T0, afterGap, List.of(
                        quantity(CPU, Basis.USAGE, "150", null, "150"),
                        quantity(EGRESS, Basis.USAGE, "9000000", null, "9000000")),
                        List.of("s1", "s2"), true));
    }

    @Test
    void intervalOfExactlyTheMaximumIsNoGap() {
        Instant at = T0.plus(MAX_INTERVAL);

        List<Object> events = PublishedEvents.of(givenAcmeOnCluster(first(web(0, GIB, 0)))
                .when(scrape("s2", at, web(90_000_000_000L, GIB, 0)))
                .expectResultMessagePayload(new ScrapeResult("s2", at, 1, 1, 0, false, false)));

        assertThat(events).hasSize(2).noneMatch(ScrapeGapDetected.class::isInstance);
        assertThat(((UsageMeasured) events.get(1)).gap()).isFalse();
        assertThat(((UsageMeasured) events.get(1)).quantities()).extracting(MeteredQuantity::meter)
                .containsExactly(CPU, MEMORY, GPU, STORAGE, EGRESS);
    }

    @Test
    void gapCarriesGaugesForwardFromTheLastSampleUnderCarryForward() {
        policy = policy(Basis.USAGE, GapFillPolicy.CARRY_FORWARD);
        Instant afterGap = T0.plusSeconds(300);
        ScrapeResult result = new ScrapeResult("s2", afterGap, 1, 1, 0, true, false);

        ResultValidator<Cluster> validator = givenAcmeOnCluster(first(web(0, GIB, 0)))
                .when(scrape("s2", afterGap, web(150_000_000_000L, 3 * GIB, 9_000_000)))
                .expectResultMessagePayload(result);

        assertThat(PublishedEvents.of(validator)).usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(
                new ScrapeGapDetected(EU_1, T0, afterGap, "s1", "s2", GapFillPolicy.CARRY_FORWARD),
                new ScrapeRecorded(EU_1, "s2", afterGap, "s1", T0, List.of(web(150_000_000_000L, 3 * GIB, 9_000_000)),
                        policy, result),
                new UsageMeasured(EU_1, ACME, NOTEBOOK, T0, afterGap, List.of(
                        quantity(CPU, Basis.USAGE, "150", "1200", "150"),
                        quantity(MEMORY, Basis.USAGE, "300", "600", "300"),
                        quantity(GPU, Basis.USAGE, "300", "300", "300"),
                        quantity(STORAGE, Basis.USAGE, "3000", "3000", "3000"),
                        quantity(EGRESS, Basis.USAGE, "9000000", null, "9000000")),
                        List.of("s1", "s2"), true));
    }

    @Test
    void restartWithNewStartTimeCountsFromZero() {
        PodSample before = pod("web").environment("notebook").startedAt(POD_STARTED_AT)
                .cpuNanos(10_000_000_000L).txBytes(1_000).build();
        PodSample after = pod("web").environment("notebook").startedAt(T0.plusSeconds(30))
                .cpuNanos(50_000_000_000L).txBytes(3_000).build();

        assertOneWindow(before, after, cpu("50"), egress("3000"));
    }

    @Test
    void restartSeenAsCpuCounterGoingDownCountsFromZero() {
        PodSample before = pod("web").environment("notebook").cpuNanos(500_000_000_000L).txBytes(10_000).build();
        PodSample after = pod("web").environment("notebook").cpuNanos(30_000_000_000L).txBytes(12_000).build();

        assertOneWindow(before, after, cpu("30"), egress("12000"));
    }

    @Test
    void restartSeenAsEgressCounterGoingDownCountsFromZero() {
        PodSample before = pod("web").environment("notebook").cpuNanos(10_000_000_000L).txBytes(10_000).build();
        PodSample after = pod("web").environment("notebook").cpuNanos(20_000_000_000L).txBytes(200).build();

        assertOneWindow(before, after, cpu("20"), egress("200"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unattributedPods")
    void podThatBelongsToNoAttachedEnvironmentIsMeasuredUnattributed(String why, PodSampleBuilder builder,
                                                                     String reason) {
        PodSample before = builder.cpuNanos(0).build();
        PodSample after = builder.cpuNanos(60_000_000_000L).build();

        ResultValidator<Cluster> validator = givenAcmeOnCluster(
                        new AccountAssignedToCluster(EU_1, AccountId.of("globex")),
                        new EnvironmentAttached(EU_1, EnvironmentId.of("gone"), ACME, NAMESPACE),
                        new EnvironmentDetached(EU_1, EnvironmentId.of("gone")), first(before))
                .when(scrape("s2", T1, after))
                .expectResultMessagePayload(new ScrapeResult("s2", T1, 1, 0, 1, false, false));

        assertThat(usageOf(validator)).usingRecursiveFieldByFieldElementComparator(BY_VALUE).containsExactly(
                new UnattributedUsageMeasured(EU_1, after.namespace(), after.name(), after.uid(), reason, T0, T1,
                        List.of(cpu("60")), List.of("s1", "s2"), false));
    }

    static Stream<Arguments> unattributedPods() {
        return Stream.of(
                Arguments.of("no labels", pod("stray"), "no tally.dev/environment label"),
                Arguments.of("only an account label", pod("stray").account("acme"),
                        "no tally.dev/environment label"),
                Arguments.of("unknown environment", pod("stray").environment("nowhere"),
                        "unknown environment 'nowhere'"),
                Arguments.of("environment label that is no id", pod("stray").environment("no/such"),
                        "unknown environment 'no/such'"),
                Arguments.of("detached environment", pod("stray").environment("gone"), "unknown environment 'gone'"),
                Arguments.of("other namespace", pod("stray").namespace("globex-ns").environment("notebook"),
                        "environment notebook runs in namespace acme-ns"),
                Arguments.of("other account", pod("stray").environment("notebook").account("globex"),
                        "account label 'globex' is not the environment's account"));
    }

    @Test
    void podLabelledWithTheEnvironmentsAccountIsAttributed() {
        PodSample before = pod("web").environment("notebook").account("acme").cpuNanos(0).build();
        PodSample after = pod("web").environment("notebook").account("acme").cpuNanos(60_000_000_000L).build();

        assertThat(usageOf(givenAcmeOnCluster(first(before)).when(scrape("s2", T1, after))))
                .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                .containsExactly(new UsageMeasured(EU_1, ACME, NOTEBOOK, T0, T1, List.of(cpu("60")),
                        List.of("s1", "s2"), false));
    }

    @ParameterizedTest(name = "{0}: CPU {1}, memory {2}")
    @CsvSource({"USAGE, 120, 60", "REQUEST, 240, 30", "MAX, 240, 60"})
    void basisPicksWhatIsBilled(Basis basis, String cpu, String memory) {
        policy = policy(basis, GapFillPolicy.NONE);
        PodSample before = pod("web").environment("notebook").cpuNanos(0).memoryBytes(GIB)
                .requests("4", GIB / 2, null).build();
        PodSample after = pod("web").environment("notebook").cpuNanos(120_000_000_000L).memoryBytes(GIB)
                .requests("4", GIB / 2, null).build();

        assertThat(usageOf(givenAcmeOnCluster(first(before)).when(scrape("s2", T1, after))))
                .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                .containsExactly(new UsageMeasured(EU_1, ACME, NOTEBOOK, T0, T1, List.of(
                        quantity(CPU, basis, "120", "240", cpu),
                        quantity(MEMORY, basis, "60", "30", memory)), List.of("s1", "s2"), false));
    }

    /** A cluster with acme on it and its notebook attached, then {@code events}. */
    /** The second scrape, 60 s after the first, measures exactly one window of the notebook with these quantities. */
    private void assertOneWindow(PodSample before, PodSample after, MeteredQuantity... quantities) {
        assertThat(usageOf(givenAcmeOnCluster(first(before)).when(scrape("s2", T1, after))))
                .usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                .containsExactly(new UsageMeasured(EU_1, ACME, NOTEBOOK, T0, T1, List.of(quantities),
                        List.of("s1", "s2"), false));
    }

    private TestExecutor<Cluster> givenAcmeOnCluster(Object... events) {
        return fixture.given(Stream.concat(Stream.of(
                        new ClusterRegistered(EU_1, "EU 1", "https://k8s.eu-1.test", null, 2, SCRAPE_INTERVAL_SECONDS, T0),
                        new AccountAssignedToCluster(EU_1, ACME),
                        new EnvironmentAttached(EU_1, NOTEBOOK, ACME, NAMESPACE)),
                Stream.of(events)).toList());
    }

    private static MeteringPolicy policy(Basis basis, GapFillPolicy gapFill) {
        return new MeteringPolicy(Map.of(CPU, basis, MEMORY, basis, GPU, basis, STORAGE, basis, EGRESS, Basis.USAGE),
                MAX_INTERVAL, gapFill, FUTURE_TOLERANCE);
    }

    private static RecordScrape scrape(String scrapeId, Instant takenAt, PodSample... pods) {
        return new RecordScrape(EU_1, scrapeId, takenAt, takenAt.plusSeconds(2), List.of(pods));
    }

    private ScrapeRecorded first(PodSample... pods) {
        return recorded("s1", T0, null, null, new ScrapeResult("s1", T0, pods.length, 0, 0, false, false), pods);
    }

    private ScrapeRecorded recorded(String scrapeId, Instant takenAt, String previousScrapeId,
                                    Instant previousTakenAt, ScrapeResult result, PodSample... pods) {
        return new ScrapeRecorded(EU_1, scrapeId, takenAt, previousScrapeId, previousTakenAt, List.of(pods), policy,
                result);
    }

    /** The events after the ScrapeRecorded (and any gap) of the scrape: its usage. */
    private static List<Object> usageOf(ResultValidator<Cluster> validator) {
        return PublishedEvents.of(validator.expectSuccessfulHandlerExecution()).stream()
                .filter(event -> event instanceof UsageMeasured || event instanceof UnattributedUsageMeasured)
                .toList();
    }

    /** A pod of the notebook with 4 cores, 2 GiB and a GPU requested and a 10 GiB volume. */
    private static PodSample web(long cpuNanos, long memoryBytes, long txBytes) {
        return pod("web").environment("notebook").startedAt(POD_STARTED_AT).cpuNanos(cpuNanos)
                .memoryBytes(memoryBytes).rxBytes(42).txBytes(txBytes).requests("4", 2 * GIB, 1)
                .volume("data", 10 * GIB).build();
    }

    private static PodSample cpuPod(String name, long cpuNanos) {
        return pod(name).environment("notebook").cpuNanos(cpuNanos).build();
    }

    private static MeteredQuantity quantity(Meter meter, Basis basis, String usage, String request, String quantity) {
        return new MeteredQuantity(meter, basis, decimal(usage), decimal(request), decimal(quantity));
    }

    private static MeteredQuantity cpu(String coreSeconds) {
        return quantity(CPU, Basis.USAGE, coreSeconds, null, coreSeconds);
    }

    private static MeteredQuantity egress(String bytes) {
        return quantity(EGRESS, Basis.USAGE, bytes, null, bytes);
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}

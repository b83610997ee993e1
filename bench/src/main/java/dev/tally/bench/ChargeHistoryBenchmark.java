package dev.tally.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flat cost as history grows: one account's Credits aggregate takes a charge per environment per window, so its
 * history only grows, and snapshots and the aggregate cache must keep each charge as cheap at the 100,000th as at
 * the first. Pushes scrapes of one cluster, over HTTP, whose pods belong to E environments of one prepaid account,
 * so every scrape after the first yields E usage windows and E charges in its transaction. The time per charge is
 * the scrape's latency over E; it is reported over the first and the last charges, and their ratio.
 *
 * <p>A warm-up does the same on another account and cluster first, so the first charges measured are of a warm JVM
 * and a fresh aggregate, not of a cold JIT. Scrapes are a minute apart and aligned to the minute, so no window
 * crosses an hour and each environment gets one window per scrape.
 *
 * <p>Settings (environment): TALLY_URL, TALLY_ADMIN_API_KEY, TALLY_DATA_DIR as for {@link CreditsBenchmark};
 * BENCH_ENVIRONMENTS (100), BENCH_CHARGES (100000), BENCH_SAMPLE_CHARGES (5000: how many charges the first and last
 * figures are over), BENCH_WARMUP_CHARGES (20000), BENCH_ENGINE_PID (none: the engine's process id, when it runs on
 * this machine under this user; then the benchmark also compares charges right after a full GC of the engine,
 * through jcmd, with charges right after another: a full GC emptied the weak aggregate cache the engine had until
 * issue 9; its bounded cache keeps the aggregates through it, so the two now measure the same).
 */
public final class ChargeHistoryBenchmark {

    private static final BigDecimal GRANT = new BigDecimal("1000000.00");

    /** Each pod, per minute: 1.2 busy cores (requesting as much), 1 GiB of memory, a 10 GiB volume, 10 MB sent. */
    private static final Fixtures.PodShape POD = Fixtures.PodShape.STANDARD;

    /** Pairs of scrapes after the measured ones: one just after a full GC emptied the cache, then one cached. */
    private static final int EVICTION_PAIRS = 20;

    private static final Pattern USAGE_WINDOWS = Pattern.compile("\"usageWindows\":(\\d+)");

    private final TallyClient tally;
    private final int environments;
    private final int scrapes;
    private final int sampleScrapes;
    private final int warmUpScrapes;
    private final String enginePid;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    private ChargeHistoryBenchmark(TallyClient tally, int environments, int charges, int sampleCharges,
                                   int warmUpCharges, String enginePid) {
        this.tally = tally;
        this.environments = environments;
        this.scrapes = Math.max(1, charges / environments);
        this.sampleScrapes = Math.clamp(sampleCharges / environments, 1, Math.max(1, scrapes / 2));
        this.warmUpScrapes = warmUpCharges / environments;
        this.enginePid = enginePid;
    }

    public static void main(String[] args) throws Exception {
        new ChargeHistoryBenchmark(Settings.engine(),
                Settings.integer("BENCH_ENVIRONMENTS", 100),
                Settings.integer("BENCH_CHARGES", 100_000),
                Settings.integer("BENCH_SAMPLE_CHARGES", 5_000),
                Settings.integer("BENCH_WARMUP_CHARGES", 20_000),
                Settings.string("BENCH_ENGINE_PID", null)).run();
    }

    /** An account with its price book, grant and environments, alone on a cluster, and where its scrapes start. */
    private record Tenant(String account, String cluster, List<String> environments, Instant start) {
    }

    private void run() throws Exception {
        if (warmUpScrapes > 0) {
            Tenant warmUp = open("warmup", warmUpScrapes);
            scrape(warmUp, warmUpScrapes, "warm-up");
        }
        int evictionScrapes = enginePid == null ? 0 : 2 * EVICTION_PAIRS;
        Tenant tenant = open("history", scrapes + evictionScrapes);
        long startedAt = System.nanoTime();
        Run run = scrape(tenant, scrapes, "measured");
        long wall = System.nanoTime() - startedAt;
        report(run, wall);
        if (enginePid != null) {
            compareCachedWithEvicted(tenant, scrapes + 1);
        }
        System.out.println();
        System.out.println(balanceCheck(tenant.account(), (scrapes + evictionScrapes) * environments));
    }

    private Tenant open(String prefix, int scrapeCount) throws IOException, InterruptedException {
        String id = prefix + "-" + runId;
        Fixtures.priceBook(tally, id);
        Fixtures.prepaidAccount(tally, id, "Bench history", id, GRANT);
        Fixtures.cluster(tally, id, 10, 60);
        Fixtures.assign(tally, id, id);
        List<String> environmentIds = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            String environment = id + "-env-" + e;
            Fixtures.environment(tally, environment, id, id, e);
            environmentIds.add(environment);
        }
        // Whole minutes in the past (scrapes may not be from the future), ending an hour or more before now.
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofMinutes(scrapeCount + 1)).truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        return new Tenant(id, id, List.copyOf(environmentIds), start);
    }

    /**
     * Per scrape: the time per charge in nanoseconds (the scrape's latency over the charges it made), and the
     * machine's load average after it, which tells whether something else shared the cores meanwhile.
     */
    private record Run(long[] perCharge, double[] loadAverage) {
    }

    /** Scrape 0 gives every pod its baseline; scrapes 1 to {@code count} each charge every environment once. */
    private Run scrape(Tenant tenant, int count, String phase) throws IOException, InterruptedException {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        push(tenant, 0, 0);
        long[] perCharge = new long[count];
        double[] loadAverage = new double[count];
        int step = Math.max(1, count / 10);
        for (int minute = 1; minute <= count; minute++) {
            perCharge[minute - 1] = timedPush(tenant, minute);
            loadAverage[minute - 1] = os.getSystemLoadAverage();
            if (minute % step == 0) {
                System.err.printf(Locale.ROOT, "%s: %d of %d charges, %.2f ms per charge over the last %d%n", phase,
                        minute * environments, count * environments,
                        stats(perCharge, minute - step, minute).meanMillis(), step * environments);
            }
        }
        return new Run(perCharge, loadAverage);
    }

    /** Pushes the scrape of {@code minute}; returns its latency over the charges it made, in nanoseconds. */
    private long timedPush(Tenant tenant, int minute) throws IOException, InterruptedException {
        long start = System.nanoTime();
        push(tenant, minute, environments);
        return (System.nanoTime() - start) / environments;
    }

    /**
     * Scrapes right after a full GC of the engine (untimed, before the scrape), against scrapes right after another.
     * With the weak aggregate cache the engine had until issue 9, the GC emptied it, so the first loaded the account's
     * Credits (and the cluster and price book) from their snapshot and the events since; the bounded cache keeps them.
     */
    private void compareCachedWithEvicted(Tenant tenant, int firstMinute) throws Exception {
        Latencies evicted = new Latencies();
        Latencies cached = new Latencies();
        for (int pair = 0; pair < EVICTION_PAIRS; pair++) {
            int minute = firstMinute + 2 * pair;
            Jcmd.run(enginePid, "GC.run");
            evicted.record(timedPush(tenant, minute));
            cached.record(timedPush(tenant, minute + 1));
        }
        System.out.printf(Locale.ROOT, """

                | after the %d charges (%d scrapes each) | p50 ms/charge | mean ms/charge |
                |---|---|---|
                | aggregates in the cache (the scrape right after another) | %.3f | %.3f |
                | a full GC just before the scrape (it emptied the weak cache the engine had before issue 9) | %.3f | %.3f |
                """, scrapes * environments, EVICTION_PAIRS, cached.percentileMillis(50), cached.meanMillis(),
                evicted.percentileMillis(50), evicted.meanMillis());
    }

    private void push(Tenant tenant, int minute, int expectedWindows) throws IOException, InterruptedException {
        String body = tally.postExpecting(202, "/api/v1/clusters/" + tenant.cluster() + "/scrapes",
                scrapeBody(tenant, minute));
        Matcher windows = USAGE_WINDOWS.matcher(body);
        if (!windows.find() || Integer.parseInt(windows.group(1)) != expectedWindows) {
            throw new IllegalStateException("scrape " + minute + " should have made " + expectedWindows
                    + " usage windows (one charge each): " + body);
        }
    }

    private String scrapeBody(Tenant tenant, int minute) {
        Instant takenAt = tenant.start().plus(Duration.ofMinutes(minute));
        StringBuilder pods = new StringBuilder();
        for (int e = 0; e < tenant.environments().size(); e++) {
            if (e > 0) {
                pods.append(',');
            }
            POD.appendJson(pods, "ns-" + e, "worker-" + e, tenant.account() + "-" + e, tenant.account(),
                    tenant.environments().get(e), tenant.start(), minute, "data-" + e);
        }
        return """
                {"scrapeId":"%s-%d","takenAt":"%s","pods":[%s]}""".formatted(tenant.cluster(), minute, takenAt,
                pods);
    }

    /** What one window of one pod costs with seed 004's rates: 0.001935132529. */
    private static BigDecimal chargePerWindow() {
        return POD.chargePerMinute();
    }

    private static Latencies stats(long[] perCharge, int from, int to) {
        Latencies latencies = new Latencies();
        for (int i = from; i < to; i++) {
            latencies.record(perCharge[i]);
        }
        return latencies;
    }

    private void report(Run run, long wallNanos) {
        long[] perCharge = run.perCharge();
        int charges = scrapes * environments;
        Latencies first = stats(perCharge, 0, sampleScrapes);
        Latencies last = stats(perCharge, scrapes - sampleScrapes, scrapes);
        double p50Ratio = last.percentileMillis(50) / first.percentileMillis(50);
        double meanRatio = last.meanMillis() / first.meanMillis();
        int sample = sampleScrapes * environments;

        // Tenths of the run: the curve between first and last, and the fastest tenth, which a slow start (a JIT
        // still warming up, a neighbour's build) cannot flatter as it can the first charges.
        StringBuilder tenths = new StringBuilder();
        double fastestMean = Double.MAX_VALUE;
        int step = Math.max(1, scrapes / 10);
        for (int from = 0; from < scrapes; from += step) {
            int to = Math.min(scrapes, from + step);
            Latencies block = stats(perCharge, from, to);
            fastestMean = Math.min(fastestMean, block.meanMillis());
            double load = Arrays.stream(run.loadAverage(), from, to).max().orElse(Double.NaN);
            tenths.append(String.format(Locale.ROOT, "| %d-%d | %.3f | %.3f | %.3f | %.1f |%n",
                    from * environments + 1, to * environments, block.percentileMillis(50), block.meanMillis(),
                    block.percentileMillis(100), load));
        }

        System.out.printf(Locale.ROOT, """
                | measure | result |
                |---|---|
                | charges to one Credits aggregate (1 account, %d environments, %d scrapes of %d pods, 1 client) | %d in %.0f s: %.0f charges/s |
                | time per charge, first %d charges | p50 %.3f ms, mean %.3f ms, p99 %.3f ms |
                | time per charge, last %d charges | p50 %.3f ms, mean %.3f ms, p99 %.3f ms |
                | last / first | p50 %.2fx, mean %.2fx: %s |
                | last / fastest tenth of the run | mean %.2fx |

                | charges | p50 ms/charge | mean ms/charge | slowest scrape, ms/charge | load average (1 min, max) |
                |---|---|---|---|---|
                %s""",
                environments, scrapes, environments, charges, wallNanos / 1e9, charges / (wallNanos / 1e9),
                sample, first.percentileMillis(50), first.meanMillis(), first.percentileMillis(99),
                sample, last.percentileMillis(50), last.meanMillis(), last.percentileMillis(99),
                p50Ratio, meanRatio, p50Ratio <= 2 && meanRatio <= 2 ? "flat within 2x" : "NOT flat within 2x",
                last.meanMillis() / fastestMean, tenths);
    }

    /**
     * Whether every charge landed: the balance should be the grant less {@code charges} times the charge per window.
     * Waits for the balance read model to show that, or to stand still for 10 s (it follows the event store).
     */
    private String balanceCheck(String account, int charges) throws IOException, InterruptedException {
        BigDecimal perWindow = chargePerWindow();
        BigDecimal expectedUsed = perWindow.multiply(BigDecimal.valueOf(charges));
        // The API shows money rounded half-even to the cent; the ledger keeps the exact amount behind it.
        BigDecimal expectedBalance = GRANT.subtract(expectedUsed).setScale(2, RoundingMode.HALF_EVEN);
        String body = null;
        long stillSince = System.nanoTime();
        while (System.nanoTime() - stillSince < Duration.ofSeconds(10).toNanos()) {
            String read = tally.get("/api/v1/accounts/" + account + "/balance").body();
            BigDecimal balance = amount(read, "balance");
            if (balance != null && balance.compareTo(expectedBalance) == 0) {
                return "Balance check: %s = %s granted - %d charges x %s: every charge landed.".formatted(
                        balance.toPlainString(), GRANT.toPlainString(), charges,
                        perWindow.stripTrailingZeros().toPlainString());
            }
            if (!read.equals(body)) {
                body = read;
                stillSince = System.nanoTime();
            }
            Thread.sleep(500);
        }
        return ("Balance check FAILED: expected balance %s (%s granted - %d charges x %s = %s used); the balance read "
                + "model shows balance %s, used %s.").formatted(expectedBalance.toPlainString(),
                GRANT.toPlainString(), charges, perWindow.stripTrailingZeros().toPlainString(),
                expectedUsed.toPlainString(), amount(body, "balance"), amount(body, "totalUsed"));
    }

    private static BigDecimal amount(String json, String field) {
        return Fixtures.amount(json, field);
    }
}

package dev.tally.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 9's ingestion, freshness and read figures, against a running engine over its HTTP API:
 * <ul>
 * <li>(b) scrape ingestion: C clusters (in parallel, one client each: a cluster's scrapes are ordered), each of 1,000
 * pods across 200 prepaid accounts on seed 004's price book, one environment and 5 pods per account; scrapes a minute
 * apart in scrape time, the first a baseline, then a warm-up, then the measured ones: pod-windows per second over the
 * measured wall time, and each scrape's latency (to its 202) p50/p99;</li>
 * <li>(c) events appended per second meanwhile: the rows of the event store counted through JDBC before and after,
 * when the database is reachable (BENCH_DATABASE_URL, or derived from TALLY_DATA_DIR's embedded PostgreSQL, with the
 * PostgreSQL driver on the classpath); else an estimate from the scrape responses;</li>
 * <li>(d) freshness: after each measured scrape of the first cluster, from its 202 to the balance read model showing
 * the charge it made to one of its accounts (a poller, beside the scrapes, so it does not slow them);</li>
 * <li>(f) REST reads with BENCH_READ_CLIENTS clients: balances of the ingestion accounts, and 30 days of hourly usage
 * of accounts that a small separate cluster fed hourly scrapes over the last 30 days.</li>
 * </ul>
 *
 * <p>Settings (environment): TALLY_URL, TALLY_ADMIN_API_KEY, TALLY_DATA_DIR as for {@link CreditsBenchmark};
 * BENCH_INGEST_SCRAPES (60 measured per cluster), BENCH_INGEST_WARMUP (10 per cluster), BENCH_INGEST_CLUSTERS (2),
 * BENCH_INGEST_ACCOUNTS (200 per cluster), BENCH_INGEST_PODS_PER_ACCOUNT (5), BENCH_HISTORY_ACCOUNTS (4),
 * BENCH_HISTORY_DAYS (30), BENCH_READ_CLIENTS (4), BENCH_READ_SECONDS (15 per kind of read, after 3 s of warm-up),
 * BENCH_DATABASE_URL / _USER (postgres) / _PASSWORD (empty), BENCH_EVENT_TABLE (domainevententry),
 * BENCH_ENGINE_PID (optional: then the engine's CPU time during ingestion is reported, beside the embedded
 * PostgreSQL's, this generator's and everything else's, so a busy neighbour shows).
 */
public final class IngestionBenchmark {

    private static final BigDecimal GRANT = new BigDecimal("1000000.00");

    /**
     * Each ingestion pod per minute: 12 busy cores (so an account's charge per scrape, over 5 pods, is several cents
     * and the balance read model shows each one: freshness watches it), 1 GiB, a 10 GiB volume, 10 MB sent.
     */
    private static final Fixtures.PodShape POD = new Fixtures.PodShape(720_000_000_000L, "12", Fixtures.ONE_GIB,
            10 * Fixtures.ONE_GIB, 10_000_000L);
    private static final Fixtures.PodShape HISTORY_POD = Fixtures.PodShape.STANDARD;
    private static final int HISTORY_PODS_PER_ACCOUNT = 2;

    private static final Pattern USAGE_WINDOWS = Pattern.compile("\"usageWindows\":(\\d+)");
    private static final Duration FRESHNESS_TIMEOUT = Duration.ofSeconds(10);

    private final TallyClient tally;
    private final int scrapes;
    private final int warmUp;
    private final int clusters;
    private final int accountsPerCluster;
    private final int podsPerAccount;
    private final int historyAccounts;
    private final int historyDays;
    private final int readClients;
    private final int readSeconds;
    private final String enginePid;
    private final int memoryClusters;
    private final int memoryAccounts;
    private final int memoryPodsPerAccount;
    private final int memoryScrapes;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final String priceBook = "ingest-" + runId;

    private IngestionBenchmark(TallyClient tally) {
        this.tally = tally;
        this.scrapes = Settings.integer("BENCH_INGEST_SCRAPES", 60);
        this.warmUp = Settings.integer("BENCH_INGEST_WARMUP", 10);
        this.clusters = Settings.integer("BENCH_INGEST_CLUSTERS", 2);
        this.accountsPerCluster = Settings.integer("BENCH_INGEST_ACCOUNTS", 200);
        this.podsPerAccount = Settings.integer("BENCH_INGEST_PODS_PER_ACCOUNT", 5);
        this.historyAccounts = Settings.integer("BENCH_HISTORY_ACCOUNTS", 4);
        this.historyDays = Settings.integer("BENCH_HISTORY_DAYS", 30);
        this.readClients = Settings.integer("BENCH_READ_CLIENTS", 4);
        this.readSeconds = Settings.integer("BENCH_READ_SECONDS", 15);
        this.enginePid = Settings.string("BENCH_ENGINE_PID", null);
        this.memoryClusters = Settings.integer("BENCH_MEMORY_CLUSTERS", 4);
        this.memoryAccounts = Settings.integer("BENCH_MEMORY_ACCOUNTS", 250);
        this.memoryPodsPerAccount = Settings.integer("BENCH_MEMORY_PODS_PER_ACCOUNT", 20);
        this.memoryScrapes = Settings.integer("BENCH_MEMORY_SCRAPES", 10);
    }

    public static void main(String[] args) throws Exception {
        measure();
        // The HTTP clients' executors would keep the JVM alive.
        System.exit(0);
    }

    static void measure() throws Exception {
        new IngestionBenchmark(Settings.engine()).run();
    }

    /** A cluster with its accounts (one environment each, on namespace ns-a), and where its scrapes start. */
    private record Tenancy(String cluster, List<String> accounts, int podsPerAccount, Fixtures.PodShape pod,
                           Instant start) {

        String environment(int account) {
            return accounts.get(account) + "-env";
        }
    }

    private void run() throws Exception {
        long benchStart = System.nanoTime();
        log("setting up: %d clusters x %d accounts x %d pods, %d history accounts", clusters, accountsPerCluster,
                podsPerAccount, historyAccounts);
        Fixtures.priceBook(tally, priceBook);
        int totalMinutes = warmUp + scrapes + 1;
        Instant ingestStart = Instant.now().truncatedTo(ChronoUnit.HOURS)
                .minus(Duration.ofMinutes(totalMinutes + 1)).truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        List<Tenancy> tenancies = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            tenancies.add(open("ingest-" + runId + "-c" + c, accountsPerCluster, podsPerAccount, POD, 60,
                    ingestStart));
        }
        Instant historyStart = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(historyDays));
        Tenancy history = open("history-" + runId, historyAccounts, HISTORY_PODS_PER_ACCOUNT, HISTORY_POD, 3_600,
                historyStart);

        feedHistory(history);

        EventCounter events = EventCounter.open();
        Ingestion ingestion = ingest(tenancies, events);
        String reads = reads(tenancies, history);
        events.close();
        String memory = memory(ingestStart);

        log("done in %.0f s", (System.nanoTime() - benchStart) / 1e9);
        System.out.println(ingestion.table() + reads + memory);
        System.out.println();
        System.out.println(ingestion.notes());
        System.out.println();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Setup

    private Tenancy open(String cluster, int accountCount, int pods, Fixtures.PodShape pod, int intervalSeconds,
                         Instant start)
            throws Exception {
        Fixtures.cluster(tally, cluster, accountCount, intervalSeconds);
        List<String> accounts = new ArrayList<>();
        for (int a = 0; a < accountCount; a++) {
            accounts.add(cluster + "-a" + a);
        }
        Tenancy tenancy = new Tenancy(cluster, List.copyOf(accounts), pods, pod, start);
        parallel(4, accountCount, a -> {
            String account = accounts.get(a);
            Fixtures.prepaidAccount(tally, account, "Bench ingestion", priceBook, GRANT);
            Fixtures.assign(tally, account, cluster);
            Fixtures.environment(tally, tenancy.environment(a), account, cluster, a);
        });
        log("cluster %s: %d accounts ready", cluster, accountCount);
        return tenancy;
    }

    private interface IndexedTask {
        void run(int index) throws Exception;
    }

    /** Runs {@code task} for 0 to count - 1 on {@code threads} threads; fails with the first failure. */
    private static void parallel(int threads, int count, IndexedTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<Object>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<Object> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String scrapeBody(Tenancy tenancy, int index, long minutes) {
        Instant takenAt = tenancy.start().plus(Duration.ofMinutes(minutes));
        Fixtures.PodShape shape = tenancy.pod();
        StringBuilder json = new StringBuilder(tenancy.accounts().size() * tenancy.podsPerAccount() * 460 + 200);
        json.append("{\"scrapeId\":\"").append(tenancy.cluster()).append('-').append(index)
                .append("\",\"takenAt\":\"").append(takenAt).append("\",\"pods\":[");
        boolean first = true;
        for (int a = 0; a < tenancy.accounts().size(); a++) {
            String account = tenancy.accounts().get(a);
            for (int p = 0; p < tenancy.podsPerAccount(); p++) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                shape.appendJson(json, "ns-" + a, "worker-" + a + "-" + p, account + "-" + p, account,
                        tenancy.environment(a), tenancy.start(), minutes, "data-" + a + "-" + p);
            }
        }
        return json.append("]}").toString();
    }

    /** Pushes a scrape; returns its usage windows. */
    private int push(Tenancy tenancy, String body) throws IOException, InterruptedException {
        String response = tally.postExpecting(202, "/api/v1/clusters/" + tenancy.cluster() + "/scrapes", body);
        Matcher windows = USAGE_WINDOWS.matcher(response);
        if (!windows.find()) {
            throw new IllegalStateException("no usageWindows in the scrape's answer: " + response);
        }
        return Integer.parseInt(windows.group(1));
    }

    /** Hourly scrapes over the history days, so the usage read has 30 days of hourly usage to return. */
    private void feedHistory(Tenancy history) throws Exception {
        int hours = historyDays * 24;
        long started = System.nanoTime();
        for (int h = 0; h <= hours; h++) {
            push(history, scrapeBody(history, h, h * 60L));
            if (h > 0 && h % (24 * 5) == 0) {
                log("history: %d of %d hourly scrapes (%.0f s)", h, hours, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (b), (c), (d): ingestion

    private record Ingestion(String table, String notes) {
    }

    private Ingestion ingest(List<Tenancy> tenancies, EventCounter events) throws Exception {
        // Baseline and warm-up, unmeasured, every cluster in parallel.
        log("ingestion warm-up: baseline + %d scrapes per cluster", warmUp);
        parallel(tenancies.size(), tenancies.size(), c -> {
            Tenancy tenancy = tenancies.get(c);
            for (int m = 0; m <= warmUp; m++) {
                push(tenancy, scrapeBody(tenancy, m, m));
            }
        });

        Latencies scrapeLatency = new Latencies();
        Freshness freshness = new Freshness(tenancies.getFirst());
        AtomicInteger windowsTotal = new AtomicInteger();
        long eventsBefore = events.count();
        CpuSample cpuBefore = CpuSample.take(enginePid);
        long started = System.nanoTime();
        parallel(tenancies.size(), tenancies.size(), c -> {
            Tenancy tenancy = tenancies.get(c);
            for (int i = 1; i <= scrapes; i++) {
                int minute = warmUp + i;
                String body = scrapeBody(tenancy, minute, minute);
                long start = System.nanoTime();
                int windows = push(tenancy, body);
                long accepted = System.nanoTime();
                scrapeLatency.record(accepted - start);
                windowsTotal.addAndGet(windows);
                if (c == 0) {
                    freshness.watch(minute, accepted);
                }
                if (i % 10 == 0) {
                    log("cluster %d: %d of %d measured scrapes, last %.0f ms, %d windows", c, i, scrapes,
                            (accepted - start) / 1e6, windows);
                }
            }
        });
        long wall = System.nanoTime() - started;
        CpuSample cpuAfter = CpuSample.take(enginePid);
        long eventsAfterAccepted = events.count();
        Latencies fresh = freshness.finish();
        long eventsAfterDrain = events.count();

        int podsPerScrape = accountsPerCluster * podsPerAccount;
        long podWindows = (long) tenancies.size() * scrapes * podsPerScrape;
        double seconds = wall / 1e9;
        String eventRate;
        String eventNote;
        if (events.available()) {
            long appended = eventsAfterAccepted - eventsBefore;
            eventRate = String.format(Locale.ROOT, "%.0f events/s (%d events in %.1f s, %.1f per pod-window)",
                    appended / seconds, appended, seconds, (double) appended / podWindows);
            eventNote = String.format(Locale.ROOT, "(c) counted through JDBC: rows of %s before and after the "
                    + "measured scrapes (%d more rows by the time freshness finished).", events.table,
                    eventsAfterDrain - eventsAfterAccepted);
        } else {
            long estimated = (long) tenancies.size() * scrapes + 2L * windowsTotal.get();
            eventRate = String.format(Locale.ROOT, "~%.0f events/s (estimated)", estimated / seconds);
            eventNote = "(c) ESTIMATED, the event store was not reachable (" + events.why + "): 1 scrape event + "
                    + "1 usage event and 1 charge per usage window the scrapes reported (" + windowsTotal.get()
                    + " windows); set BENCH_DATABASE_URL and put the PostgreSQL driver on the classpath to count.";
        }
        String table = String.format(Locale.ROOT, """
                | measure | result | issue 9's target |
                |---|---|---|
                | (b) scrape ingestion: %d clusters in parallel x %d scrapes of %d pods (%d accounts x %d pods, prepaid, seed 004), after a baseline and %d warm-up scrapes each | %.0f pod-windows/s (%d in %.1f s) | >= 10,000 pod-windows/s |
                | (b) per-scrape latency, %d-pod scrape to its 202 (%d scrapes) | p50 %.0f ms, p99 %.0f ms, max %.0f ms | p99 <= 500 ms |
                | (c) event append rate during (b) | %s | >= 50%% of the raw ceiling (a) |
                | (d) freshness: scrape 202 -> balance read model shows its charge (%d samples, %d timed out at %d s) | p50 %.0f ms, p99 %.0f ms | p99 <= 1 s |
                """, tenancies.size(), scrapes, podsPerScrape, accountsPerCluster, podsPerAccount, warmUp,
                podWindows / seconds, podWindows, seconds, podsPerScrape, scrapeLatency.count(),
                scrapeLatency.percentileMillis(50), scrapeLatency.percentileMillis(99),
                scrapeLatency.percentileMillis(100), eventRate, fresh.count(), freshness.timeouts.get(),
                FRESHNESS_TIMEOUT.toSeconds(), fresh.percentileMillis(50), fresh.percentileMillis(99));
        String notes = eventNote + "\n\n" + CpuSample.describe(cpuBefore, cpuAfter, enginePid);
        return new Ingestion(table, notes);
    }

    /**
     * Watches the balance read model of one account per measured scrape of a cluster, on its own thread, so the
     * scrapes do not wait for it: from the scrape's 202 until the account's totalUsed passes halfway between what it
     * was before the scrape and what it is after it (each scrape charges every account several cents).
     */
    private final class Freshness {

        private final Tenancy tenancy;
        private final BigDecimal perScrape;
        private final ExecutorService poller = Executors.newSingleThreadExecutor();
        private final Latencies latencies = new Latencies();
        private final AtomicInteger timeouts = new AtomicInteger();
        private final List<Future<?>> pending = new ArrayList<>();

        Freshness(Tenancy tenancy) {
            this.tenancy = tenancy;
            this.perScrape = tenancy.pod().chargePerMinute().multiply(BigDecimal.valueOf(tenancy.podsPerAccount()));
        }

        /** After the scrape of {@code minute} (charging minute windows 1..minute) was accepted at {@code accepted}. */
        synchronized void watch(int minute, long accepted) {
            String account = tenancy.accounts().get(minute % tenancy.accounts().size());
            BigDecimal threshold = perScrape.multiply(BigDecimal.valueOf(minute - 1))
                    .add(perScrape.divide(BigDecimal.TWO));
            pending.add(poller.submit(() -> {
                long deadline = accepted + FRESHNESS_TIMEOUT.toNanos();
                while (System.nanoTime() < deadline) {
                    BigDecimal used = Fixtures.amount(tally.get("/api/v1/accounts/" + account + "/balance").body(),
                            "totalUsed");
                    if (used != null && used.compareTo(threshold) > 0) {
                        latencies.record(System.nanoTime() - accepted);
                        return null;
                    }
                    Thread.sleep(10);
                }
                timeouts.incrementAndGet();
                return null;
            }));
        }

        Latencies finish() throws Exception {
            List<Future<?>> all;
            synchronized (this) {
                all = List.copyOf(pending);
            }
            for (Future<?> future : all) {
                future.get();
            }
            poller.shutdown();
            return latencies;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // (f): reads

    private String reads(List<Tenancy> tenancies, Tenancy history) throws Exception {
        List<String> balanceAccounts = new ArrayList<>();
        tenancies.forEach(t -> balanceAccounts.addAll(t.accounts()));
        Instant now = Instant.now();
        String usageQuery = "/usage?from=" + now.minus(Duration.ofDays(30)) + "&to=" + now + "&granularity=hour";
        String sample = tally.get("/api/v1/accounts/" + history.accounts().getFirst() + usageQuery).body();
        int items = countOccurrences(sample, "\"start\"");
        log("usage read of a history account answers %d items, %d bytes", items, sample.length());

        ReadResult balance = readLoad("balance", balanceAccounts, "/balance");
        ReadResult usage = readLoad("usage", history.accounts(), usageQuery);
        return String.format(Locale.ROOT, """
                | (f) balance reads, %d clients, %d s | %.0f requests/s, p50 %.2f ms, p99 %.2f ms | >= 5,000 requests/s at p99 <= 10 ms |
                | (f) usage reads: 30 days hourly (%d items), %d clients, %d s | %.0f requests/s, p50 %.2f ms, p99 %.2f ms | p99 <= 50 ms |
                """, readClients, readSeconds, balance.perSecond(), balance.latencies().percentileMillis(50),
                balance.latencies().percentileMillis(99), items, readClients, readSeconds, usage.perSecond(),
                usage.latencies().percentileMillis(50), usage.latencies().percentileMillis(99));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Memory

    /**
     * Adds {@code memoryClusters} clusters of {@code memoryAccounts} accounts with {@code memoryPodsPerAccount} pods
     * each (by default 1,000 accounts and 20,000 pods, on top of the accounts above), pushes {@code memoryScrapes}
     * scrapes to each, every cluster in parallel, then has the engine collect its garbage and reads its heap: what
     * stays is what the engine carries. The heap figures need BENCH_ENGINE_PID (jcmd, same machine and user);
     * BENCH_MEMORY_CLUSTERS=0 leaves the stage out.
     */
    private String memory(Instant start) throws Exception {
        if (memoryClusters == 0) {
            return "";
        }
        log("memory: %d clusters x %d accounts x %d pods", memoryClusters, memoryAccounts, memoryPodsPerAccount);
        List<Tenancy> tenancies = new ArrayList<>();
        for (int c = 0; c < memoryClusters; c++) {
            tenancies.add(open("memory-" + runId + "-c" + c, memoryAccounts, memoryPodsPerAccount, POD, 60, start));
        }
        AtomicInteger windows = new AtomicInteger();
        parallel(tenancies.size(), tenancies.size(), c -> {
            Tenancy tenancy = tenancies.get(c);
            for (int m = 0; m <= memoryScrapes; m++) {
                windows.addAndGet(push(tenancy, scrapeBody(tenancy, m, m)));
            }
        });
        int accounts = memoryClusters * memoryAccounts;
        int pods = accounts * memoryPodsPerAccount;
        String load = String.format(Locale.ROOT, "%d accounts and %d pods more (%d clusters), %d scrapes of %d pods "
                        + "each after a baseline, all accepted (%d usage windows charged)", accounts, pods,
                memoryClusters, memoryScrapes, memoryAccounts * memoryPodsPerAccount, windows.get());
        if (enginePid == null) {
            return "| memory: " + load + " | heap not read: set BENCH_ENGINE_PID | carried in a 512 MiB heap |\n";
        }
        Jcmd.run(enginePid, "GC.run");
        Matcher heap = Pattern.compile("total reserved (\\d+)K, committed (\\d+)K, used (\\d+)K")
                .matcher(Jcmd.run(enginePid, "GC.heap_info"));
        if (!heap.find()) {
            throw new IllegalStateException("jcmd GC.heap_info gave no heap totals");
        }
        return String.format(Locale.ROOT, "| memory: %s | heap after a full GC: %d MiB used of %d MiB (the most the "
                        + "engine's JVM may take; %d MiB committed) | carried in a 512 MiB heap |\n", load,
                Long.parseLong(heap.group(3)) / 1024, Long.parseLong(heap.group(1)) / 1024,
                Long.parseLong(heap.group(2)) / 1024);
    }

    private static int countOccurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    private record ReadResult(Latencies latencies, long wallNanos) {

        double perSecond() {
            return latencies.count() / (wallNanos / 1e9);
        }
    }

    private ReadResult readLoad(String kind, List<String> accounts, String suffix) throws Exception {
        log("%s reads: %d s warm-up, then %d s measured, %d clients", kind, 3, readSeconds, readClients);
        readFor(accounts, suffix, Duration.ofSeconds(3), new Latencies());
        Latencies latencies = new Latencies();
        long started = System.nanoTime();
        readFor(accounts, suffix, Duration.ofSeconds(readSeconds), latencies);
        return new ReadResult(latencies, System.nanoTime() - started);
    }

    private void readFor(List<String> accounts, String suffix, Duration duration, Latencies latencies)
            throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        parallel(readClients, readClients, client -> {
            try (KeepAliveGets gets = tally.keepAlive()) {
                while (System.nanoTime() < end) {
                    String account = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
                    long start = System.nanoTime();
                    KeepAliveGets.Response response = gets.get("/api/v1/accounts/" + account + suffix);
                    latencies.record(System.nanoTime() - start);
                    if (response.status() != 200) {
                        throw new IllegalStateException("GET " + suffix + " answered " + response.status() + ": "
                                + new String(response.body(), StandardCharsets.UTF_8));
                    }
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Event store rows and CPU

    /** Counts the event store's rows through JDBC, when it can. */
    private static final class EventCounter implements AutoCloseable {

        private final Connection connection;
        private final String table;
        private final String why;

        private EventCounter(Connection connection, String table, String why) {
            this.connection = connection;
            this.table = table;
            this.why = why;
        }

        static EventCounter open() {
            String table = Settings.string("BENCH_EVENT_TABLE", "domainevententry");
            String url = Settings.string("BENCH_DATABASE_URL", null);
            if (url == null) {
                // The engine's embedded PostgreSQL: its port is line 4 of postmaster.pid.
                Path pid = Path.of(Settings.string("TALLY_DATA_DIR", "data"), "postgres", "postmaster.pid");
                try {
                    List<String> lines = Files.readAllLines(pid);
                    url = "jdbc:postgresql://localhost:" + lines.get(3).strip() + "/tally";
                } catch (IOException | IndexOutOfBoundsException e) {
                    return new EventCounter(null, table, "no BENCH_DATABASE_URL and no " + pid);
                }
            }
            try {
                Connection connection = DriverManager.getConnection(url,
                        Settings.string("BENCH_DATABASE_USER", "postgres"),
                        Settings.string("BENCH_DATABASE_PASSWORD", ""));
                EventCounter counter = new EventCounter(connection, table, null);
                counter.count();
                log("counting events in %s at %s", table, url);
                return counter;
            } catch (SQLException | RuntimeException e) {
                return new EventCounter(null, table, url + ": " + e.getMessage());
            }
        }

        boolean available() {
            return connection != null;
        }

        long count() {
            if (connection == null) {
                return -1;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException("counting " + table + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws SQLException {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * CPU time in jiffies (1/100 s on Linux): the machine's (busy, total, from /proc/stat), the engine's JVM (when
     * BENCH_ENGINE_PID is given), its embedded PostgreSQL's (the postmaster in TALLY_DATA_DIR and its children), and
     * this load generator's. What none of them used was a neighbour's.
     */
    private record CpuSample(long busy, long total, long engine, long postgres, long self, long nanos) {

        static CpuSample take(String enginePid) {
            long busy = -1;
            long total = -1;
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                total = 0;
                for (int i = 1; i < cpu.length; i++) {
                    total += Long.parseLong(cpu[i]);
                }
                busy = total - Long.parseLong(cpu[4]) - Long.parseLong(cpu[5]);
            } catch (IOException | RuntimeException e) {
                // Not Linux: the note says so.
            }
            long engine = enginePid == null ? -1 : processJiffies(Long.parseLong(enginePid), false);
            long postgres = -1;
            try {
                Path pid = Path.of(Settings.string("TALLY_DATA_DIR", "data"), "postgres", "postmaster.pid");
                postgres = processJiffies(Long.parseLong(Files.readAllLines(pid).getFirst().strip()), true);
            } catch (IOException | RuntimeException e) {
                // Not the embedded database.
            }
            long self = processJiffies(ProcessHandle.current().pid(), false);
            return new CpuSample(busy, total, engine, postgres, self, System.nanoTime());
        }

        /** utime + stime of a process, and with {@code children} of the processes whose parent it is. */
        private static long processJiffies(long root, boolean children) {
            long sum = 0;
            boolean found = false;
            try (var entries = Files.list(Path.of("/proc"))) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    String name = entry.getFileName().toString();
                    boolean candidate = children ? name.chars().allMatch(Character::isDigit)
                            : name.equals(Long.toString(root));
                    if (!candidate) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(entry.resolve("stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long pid = Long.parseLong(name);
                        if (pid == root || (children && Long.parseLong(fields[1]) == root)) {
                            sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                            found |= pid == root;
                        }
                    } catch (IOException | RuntimeException e) {
                        // The process ended meanwhile.
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return found ? sum : -1;
        }

        static String describe(CpuSample before, CpuSample after, String enginePid) {
            if (before.total() < 0 || after.total() <= before.total()) {
                return "CPU during (b): not measured (no /proc/stat).";
            }
            int cores = Runtime.getRuntime().availableProcessors();
            double seconds = (after.nanos() - before.nanos()) / 1e9;
            double busy = 100.0 * (after.busy() - before.busy()) / (after.total() - before.total());
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "CPU during (b), %.0f s: the machine's %d cores were %.0f%% busy (%.2f cores)", seconds, cores,
                    busy, busy / 100 * cores));
            double known = 0;
            known += part(text, "the engine's JVM (pid " + enginePid + ")", before.engine(), after.engine(),
                    seconds);
            known += part(text, "its embedded PostgreSQL", before.postgres(), after.postgres(), seconds);
            known += part(text, "this load generator", before.self(), after.self(), seconds);
            if (before.engine() >= 0 && before.postgres() >= 0) {
                text.append(String.format(Locale.ROOT, "; everything else (other processes on the machine) %.2f cores",
                        busy / 100 * cores - known));
            }
            return text.append('.').toString();
        }

        private static double part(StringBuilder text, String what, long before, long after, double seconds) {
            if (before < 0 || after < 0) {
                return 0;
            }
            double cores = (after - before) / 100.0 / seconds;
            text.append(String.format(Locale.ROOT, "; %s %.2f cores", what, cores));
            return cores;
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(Instant.now().toEpochMilli(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}

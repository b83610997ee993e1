package dev.tally.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first slice under load, through the HTTP API of a running engine: grant commands (each one event appended,
 * a deadline for half of them), how soon the balance read model shows a grant, and balance reads. Prints a
 * Markdown table for docs/benchmarks.md.
 *
 * <p>Settings (environment): TALLY_URL (default http://localhost:8080), TALLY_ADMIN_API_KEY (default: the file
 * admin-api-key in TALLY_DATA_DIR, default data), BENCH_ACCOUNTS (50), BENCH_GRANTS_PER_ACCOUNT (40), BENCH_CLIENTS
 * (4), BENCH_READS (20000).
 */
public final class CreditsBenchmark {

    private static final Pattern BALANCE = Pattern.compile("\"balance\":\\{\"amount\":\"([0-9.-]+)\"");

    private final TallyClient tally;
    private final int accounts;
    private final int grantsPerAccount;
    private final int clients;
    private final int reads;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    private CreditsBenchmark(TallyClient tally, int accounts, int grantsPerAccount, int clients, int reads) {
        this.tally = tally;
        this.accounts = accounts;
        this.grantsPerAccount = grantsPerAccount;
        this.clients = clients;
        this.reads = reads;
    }

    public static void main(String[] args) throws Exception {
        new CreditsBenchmark(Settings.engine(),
                Settings.integer("BENCH_ACCOUNTS", 50),
                Settings.integer("BENCH_GRANTS_PER_ACCOUNT", 40),
                Settings.integer("BENCH_CLIENTS", 4),
                Settings.integer("BENCH_READS", 20000)).run();
    }

    private record Result(Latencies latencies, long wallNanos) {

        double perSecond() {
            return latencies.count() / (wallNanos / 1e9);
        }
    }

    private void run() throws Exception {
        // Warm-up: the same work, smaller and unrecorded, so the figures are of a warm JVM.
        List<String> warmUp = openAccounts("warmup", clients);
        grantTo(warmUp, Math.max(1, grantsPerAccount / 4));
        readBalances(warmUp, Math.max(clients, reads / 10));

        List<String> accountIds = openAccounts("bench", accounts);
        Result grants = grantTo(accountIds, grantsPerAccount);
        Latencies freshness = freshness(accountIds.subList(0, Math.min(20, accountIds.size())));
        Result reads = readBalances(accountIds.subList(0, clients), this.reads);

        System.out.printf(Locale.ROOT, """
                | measure | result |
                |---|---|
                | grant commands (HTTP, %d clients, %d accounts x %d grants, half with an expiry deadline) | %.0f commands/s, p50 %.1f ms, p99 %.1f ms |
                | freshness: grant accepted -> balance read model shows it (%d samples) | p50 %.1f ms, p99 %.1f ms |
                | balance reads (HTTP, %d clients, %d reads) | %.0f requests/s, p50 %.2f ms, p99 %.2f ms |
                """,
                clients, accounts, grantsPerAccount, grants.perSecond(),
                grants.latencies().percentileMillis(50), grants.latencies().percentileMillis(99),
                freshness.count(), freshness.percentileMillis(50), freshness.percentileMillis(99),
                clients, reads.latencies().count(), reads.perSecond(),
                reads.latencies().percentileMillis(50), reads.latencies().percentileMillis(99));
    }

    private List<String> openAccounts(String prefix, int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + runId + "-" + i;
            tally.postExpecting(201, "/api/v1/accounts", """
                    {"id":"%s","email":"%s@bench.example","name":"Bench %d","currency":"EUR","billingMode":"PREPAID"}
                    """.formatted(id, id, i));
            ids.add(id);
        }
        return ids;
    }

    private Result grantTo(List<String> accountIds, int grantsEach) throws Exception {
        Latencies latencies = new Latencies();
        long wall = timed(accountIds, clients, account -> {
            for (int g = 0; g < grantsEach; g++) {
                String expiry = g % 2 == 0 ? ",\"expiresAt\":\"2099-01-01T00:00:00Z\"" : "";
                long start = System.nanoTime();
                tally.postExpecting(201, "/api/v1/accounts/" + account + "/credit-grants",
                        "{\"kind\":\"ADMIN\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}" + expiry + "}");
                latencies.record(System.nanoTime() - start);
            }
        });
        return new Result(latencies, wall);
    }

    /** From a grant's 201 to the balance read model showing it, one account at a time. */
    private Latencies freshness(List<String> accountIds) throws IOException, InterruptedException {
        Latencies latencies = new Latencies();
        BigDecimal granted = BigDecimal.valueOf(grantsPerAccount);
        for (String account : accountIds) {
            awaitBalance(account, granted);
            long start = System.nanoTime();
            tally.postExpecting(201, "/api/v1/accounts/" + account + "/credit-grants",
                    "{\"kind\":\"ADMIN\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}");
            awaitBalance(account, granted.add(BigDecimal.ONE));
            latencies.record(System.nanoTime() - start);
        }
        return latencies;
    }

    /** {@code total} balance reads spread over one account per client. */
    private Result readBalances(List<String> accountIds, int total) throws Exception {
        Latencies latencies = new Latencies();
        int each = total / accountIds.size();
        long wall = timed(accountIds, accountIds.size(), account -> {
            for (int r = 0; r < each; r++) {
                long start = System.nanoTime();
                if (tally.get("/api/v1/accounts/" + account + "/balance").status() != 200) {
                    throw new IllegalStateException("balance read failed for " + account);
                }
                latencies.record(System.nanoTime() - start);
            }
        });
        return new Result(latencies, wall);
    }

    /** Polls the balance read model until it shows {@code expected}; the poll is the measurement. */
    private void awaitBalance(String account, BigDecimal expected) throws IOException, InterruptedException {
        while (true) {
            Matcher matcher = BALANCE.matcher(tally.get("/api/v1/accounts/" + account + "/balance").body());
            if (matcher.find() && new BigDecimal(matcher.group(1)).compareTo(expected) == 0) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    private interface AccountWork {
        void run(String account) throws Exception;
    }

    /** Runs {@code work} once per account on {@code threads} threads; returns the wall time in nanoseconds. */
    private static long timed(List<String> accountIds, int threads, AccountWork work) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (String account : accountIds) {
                running.add(pool.submit(() -> {
                    work.run(account);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return System.nanoTime() - start;
        }
    }
}

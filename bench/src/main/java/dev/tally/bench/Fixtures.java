package dev.tally.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the scrape benchmarks set up over HTTP (seed 004's price book, prepaid accounts with a grant, clusters,
 * environments) and the pods they push, with what one pod's window costs at seed 004's rates.
 */
final class Fixtures {

    /** Seed 004's rates (API.md's units), as PriceBookApiTest sends them. */
    static final String SEED_004_RATES = """
            [{"meter":"cpu","unit":"core-hour","price":"0.05"},
             {"meter":"memory","unit":"gb-hour","price":"0.005"},
             {"meter":"storage","unit":"gb-day","price":"0.10"},
             {"meter":"egress","unit":"gb","price":"0.01"}]""";

    static final long ONE_GIB = 1L << 30;

    private Fixtures() {
    }

    static void priceBook(TallyClient tally, String id) throws IOException, InterruptedException {
        tally.postExpecting(201, "/api/v1/price-books", """
                {"id":"%s","name":"Seed 004","currency":"EUR"}""".formatted(id));
        tally.postExpecting(201, "/api/v1/price-books/" + id + "/versions", """
                {"effectiveFrom":"2020-01-01T00:00:00Z","rates":%s}""".formatted(SEED_004_RATES));
    }

    /** A prepaid EUR account on the price book, with an ADMIN grant of {@code grant}. */
    static void prepaidAccount(TallyClient tally, String id, String name, String priceBookId, BigDecimal grant)
            throws IOException, InterruptedException {
        tally.postExpecting(201, "/api/v1/accounts", """
                {"id":"%s","email":"%s@bench.example","name":"%s","currency":"EUR","billingMode":"PREPAID",
                 "priceBookId":"%s"}""".formatted(id, id, name, priceBookId));
        tally.postExpecting(201, "/api/v1/accounts/" + id + "/credit-grants", """
                {"kind":"ADMIN","amount":{"amount":"%s","currency":"EUR"}}""".formatted(grant.toPlainString()));
    }

    static void cluster(TallyClient tally, String id, int maxAccounts, int scrapeIntervalSeconds)
            throws IOException, InterruptedException {
        tally.postExpecting(201, "/api/v1/clusters", """
                {"id":"%s","name":"Bench","apiUrl":"https://bench.example:6443","credentialsRef":"external",
                 "maxAccounts":%d,"scrapeIntervalSeconds":%d}""".formatted(id, maxAccounts, scrapeIntervalSeconds));
    }

    static void assign(TallyClient tally, String account, String cluster) throws IOException, InterruptedException {
        tally.postExpecting(204, "/api/v1/accounts/" + account + "/cluster-assignment",
                "{\"clusterId\":\"" + cluster + "\"}");
    }

    /** Environment {@code id} named "Env n" on namespace ns-n. */
    static void environment(TallyClient tally, String id, String account, String cluster, int n)
            throws IOException, InterruptedException {
        tally.postExpecting(201, "/api/v1/environments", """
                {"id":"%s","accountId":"%s","clusterId":"%s","name":"Env %d","namespace":"ns-%d"}"""
                .formatted(id, account, cluster, n, n));
    }

    /** A money field of a JSON body ({@code "field":{"amount":"..."}}), or null. */
    static BigDecimal amount(String json, String field) {
        if (json == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("\"" + field + "\":\\{\"amount\":\"([0-9.-]+)\"").matcher(json);
        return matcher.find() ? new BigDecimal(matcher.group(1)) : null;
    }

    /**
     * A pod's steady load: busy CPU per minute (requesting {@code cpuCores}), a memory working set (requesting as
     * much), one volume, and bytes sent per minute. Counters grow with the minutes since the pod started.
     */
    record PodShape(long cpuNanosPerMinute, String cpuCores, long memoryBytes, long volumeBytes,
                    long egressPerMinute) {

        /** 1.2 busy cores (requesting as much), 1 GiB of memory, a 10 GiB volume, 10 MB sent per minute. */
        static final PodShape STANDARD = new PodShape(72_000_000_000L, "1.2", ONE_GIB, 10 * ONE_GIB, 10_000_000L);

        /** The pod's entry in a scrape, {@code minutes} after {@code startedAt}. */
        void appendJson(StringBuilder json, String namespace, String name, String uid, String account,
                        String environment, Instant startedAt, long minutes, String claim) {
            json.append("""
                    {"namespace":"%s","name":"%s","uid":"%s",
                     "labels":{"tally.dev/account":"%s","tally.dev/environment":"%s"},
                     "startedAt":"%s","cpuUsageCoreNanoSeconds":%d,"memoryWorkingSetBytes":%d,
                     "networkRxBytes":0,"networkTxBytes":%d,
                     "requests":{"cpuCores":"%s","memoryBytes":%d,"gpus":0},
                     "volumes":[{"claim":"%s","capacityBytes":%d}]}""".formatted(namespace, name, uid, account,
                    environment, startedAt, minutes * cpuNanosPerMinute, memoryBytes, minutes * egressPerMinute,
                    cpuCores, memoryBytes, claim, volumeBytes));
        }

        /**
         * What one minute's window of this pod costs with seed 004's rates, as the price book rates it: each
         * meter's quantity in its base unit (core-seconds, GiB-seconds, bytes) times the price over the unit's base
         * units (DECIMAL128), 12 decimals half-even, summed. 0.001935132529 for {@link #STANDARD}.
         */
        BigDecimal chargePerMinute() {
            BigDecimal gbInGib = new BigDecimal(1_000_000_000).divide(new BigDecimal(ONE_GIB));
            BigDecimal minute = new BigDecimal(60);
            return line(BigDecimal.valueOf(cpuNanosPerMinute).movePointLeft(9), "0.05", new BigDecimal(3_600))
                    .add(line(BigDecimal.valueOf(memoryBytes).divide(BigDecimal.valueOf(ONE_GIB),
                            MathContext.DECIMAL128).multiply(minute), "0.005",
                            gbInGib.multiply(new BigDecimal(3_600))))
                    .add(line(BigDecimal.valueOf(volumeBytes).divide(BigDecimal.valueOf(ONE_GIB),
                            MathContext.DECIMAL128).multiply(minute), "0.10",
                            gbInGib.multiply(new BigDecimal(86_400))))
                    .add(line(BigDecimal.valueOf(egressPerMinute), "0.01", new BigDecimal(1_000_000_000)));
        }

        private static BigDecimal line(BigDecimal quantity, String price, BigDecimal baseUnits) {
            return quantity.multiply(new BigDecimal(price)).divide(baseUnits, MathContext.DECIMAL128)
                    .setScale(12, RoundingMode.HALF_EVEN);
        }
    }
}

package dev.tally.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 9's (a), (e) and (g) against a running engine and its PostgreSQL:
 * <ul>
 * <li>(a) the raw PostgreSQL ceiling: JDBC batched inserts (100 rows a batch, one commit each) of event-sized rows
 * into a scratch table shaped like the event store's ({@code LIKE domainevententry INCLUDING ALL}), dropped
 * afterwards;</li>
 * <li>(e) a full replay of every processing group that allows one, through POST /admin/processors/replay (one
 * pass over the event store for all of them): the events stored over the seconds until every processor's lag is 0
 * again;</li>
 * <li>(g) growth: the append rate (grants over HTTP, events counted in the event store) with ~100,000 and with
 * ~5,000,000 stored events. The history is made of synthetic events bulk-inserted with
 * {@code INSERT ... SELECT generate_series}: aggregate ids no aggregate uses, a payload type no handler knows.</li>
 * </ul>
 * The synthetic history is inserted at negative global indexes, below every stored event, so the processors (whose
 * tokens are past them) do not stream five million events they would skip anyway: the table and its indexes grow as
 * they would with real history. A first 1,000 synthetic events are appended at the head, where every processor
 * reads them, to check that processors skip an unknown payload type without failing. A replay after this would read
 * the synthetic history too (the tail token is the lowest index), which is why (e) runs before (g).
 *
 * <p>JDBC: the bench module has no PostgreSQL driver of its own (its pom has no dependencies): put the driver jar on
 * the class path, e.g. {@code -cp bench/target/tally-bench.jar:~/.m2/repository/org/postgresql/postgresql/42.7.x/
 * postgresql-42.7.x.jar}. The database is BENCH_JDBC_URL, or the engine's embedded one, found through
 * {@code <TALLY_DATA_DIR>/postgres/postmaster.pid} (user postgres, database tally, no password).
 *
 * <p>Settings: TALLY_URL, TALLY_DATA_DIR or TALLY_ADMIN_API_KEY (as every benchmark), BENCH_RAW_ROWS (50000),
 * BENCH_ACCOUNTS (50), BENCH_CLIENTS (4), BENCH_LOAD_GRANTS (10000: the real events before the replay),
 * BENCH_GROWTH_SMALL (100000), BENCH_GROWTH_EVENTS (5000000), BENCH_GROWTH_GRANTS (2000 per stage),
 * BENCH_PAYLOAD_BYTES (1024). Prints a Markdown table; progress goes to stderr.
 */
public final class CeilingBenchmark {

    private static final String EVENTS = "domainevententry";
    private static final String SYNTHETIC_TYPE = "dev.tally.bench.SyntheticHistoryEvent";
    private static final Pattern FIELD = Pattern.compile("\"(name|lag|state|replaying)\":(\"[^\"]*\"|[^,}\\]]+)");

    private final TallyClient tally;
    private final String jdbcUrl;
    private final int clients = Settings.integer("BENCH_CLIENTS", 4);
    private final int payloadBytes = Settings.integer("BENCH_PAYLOAD_BYTES", 1024);
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private int rawRows;

    private CeilingBenchmark(TallyClient tally, String jdbcUrl) {
        this.tally = tally;
        this.jdbcUrl = jdbcUrl;
    }

    public static void main(String[] args) throws Exception {
        new CeilingBenchmark(Settings.engine(), jdbcUrl()).run();
    }

    private static String jdbcUrl() throws IOException {
        String url = Settings.string("BENCH_JDBC_URL", null);
        if (url != null) {
            return url;
        }
        Path pid = Path.of(Settings.string("TALLY_DATA_DIR", "data"), "postgres", "postmaster.pid");
        String port = Files.readAllLines(pid).get(3).strip();
        return "jdbc:postgresql://localhost:" + port + "/tally?user=postgres";
    }

    private Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            if (e.getSQLState() == null || "08001".equals(e.getSQLState())) {
                throw new SQLException("no JDBC connection to " + jdbcUrl + " (is the PostgreSQL driver jar on the "
                        + "class path? the bench module has none of its own)", e);
            }
            throw e;
        }
    }

    private void run() throws Exception {
        try (Connection db = connect()) {
            String synchronousCommit = single(db, "SHOW synchronous_commit");
            progress("synchronous_commit = %s", synchronousCommit);

            double raw = rawCeiling(db, Settings.integer("BENCH_RAW_ROWS", 50_000));

            List<String> accounts = openAccounts(Settings.integer("BENCH_ACCOUNTS", 50));
            int loadGrants = Settings.integer("BENCH_LOAD_GRANTS", 10000);
            progress("load: %d grants over %d clients (warm-up, and the events the replay reads)", loadGrants,
                    clients);
            grants(accounts, loadGrants);
            awaitCaughtUp(List.of(), 120);
            Replay replay = replayAll(db);

            int growthGrants = Settings.integer("BENCH_GROWTH_GRANTS", 2000);
            Growth small = growth(db, accounts, Settings.integer("BENCH_GROWTH_SMALL", 100_000), growthGrants);
            Growth large = growth(db, accounts, Settings.integer("BENCH_GROWTH_EVENTS", 5_000_000), growthGrants);
            double ratio = large.eventsPerSecond() / small.eventsPerSecond();

            System.out.printf(Locale.ROOT, """
                    | measure | result | target |
                    |---|---|---|
                    | (a) raw PostgreSQL ceiling: JDBC batched inserts, %d rows of %d payload bytes, batches of 100 (one commit each), synchronous_commit=%s, into a scratch copy of %s | %.0f rows/s | (reference for (c)) |
                    | (e) full replay of %d processing groups (%s; %s skipped: replay disallowed) over %d stored events | %.0f events/s (%.1f s until every lag is 0) | >= 30,000 events/s |
                    | (g) append rate with %,d stored events (%d grants over HTTP, %d clients; %d events appended) | %.0f events/s (%.0f grants/s) | |
                    | (g) append rate with %,d stored events (%d grants over HTTP, %d clients; %d events appended) | %.0f events/s (%.0f grants/s) | |
                    | (g) growth ratio: rate at %,d / rate at %,d | %.0f%% | >= 80%% |
                    """,
                    rawRows, payloadBytes, synchronousCommit, EVENTS, raw,
                    replay.groups().size(), String.join(", ", replay.groups()),
                    replay.refused().isEmpty() ? "none" : String.join(", ", replay.refused()),
                    replay.events(), replay.events() / replay.seconds(), replay.seconds(),
                    small.stored(), growthGrants, clients, small.appended(), small.eventsPerSecond(),
                    growthGrants / small.seconds(),
                    large.stored(), growthGrants, clients, large.appended(), large.eventsPerSecond(),
                    growthGrants / large.seconds(),
                    large.stored(), small.stored(), ratio * 100);
            System.out.printf(Locale.ROOT, "%nSynthetic history inserted: %s.%n", String.join("; ", insertNotes));
        }
    }

    // (a) ------------------------------------------------------------------------------------------------------

    private double rawCeiling(Connection db, int total) throws SQLException {
        String scratch = "bench_scratch_" + runId.replace('-', '_');
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE " + scratch + " (LIKE " + EVENTS + " INCLUDING ALL)");
            // INCLUDING ALL copies the default, the event store's own sequence: the scratch rows bring their own
            // global indexes instead, so the real sequence is left alone.
            statement.execute("ALTER TABLE " + scratch + " ALTER COLUMN globalindex DROP DEFAULT");
        }
        try {
            byte[] payload = new byte[payloadBytes];
            byte[] metaData = "{\"traceId\":\"bench\",\"correlationId\":\"bench\"}".getBytes();
            db.setAutoCommit(false);
            long index = 0;
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + scratch + " (globalindex, "
                    + "aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, "
                    + "payloadrevision, payloadtype, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)")) {
                int warmUp = Math.max(1000, total / 10);
                long start = 0;
                for (int row = 0; row < warmUp + total; row++) {
                    if (row == warmUp) {
                        start = System.nanoTime();
                    }
                    ThreadLocalRandom.current().nextBytes(payload);
                    index++;
                    insert.setLong(1, index);
                    insert.setString(2, "scratch-" + (index / 50));
                    insert.setLong(3, index % 50);
                    insert.setString(4, "Scratch");
                    insert.setString(5, UUID.randomUUID().toString());
                    insert.setBytes(6, metaData);
                    insert.setBytes(7, payload);
                    insert.setString(8, "dev.tally.bench.ScratchEvent");
                    insert.setString(9, java.time.Instant.now().toString());
                    insert.addBatch();
                    if (index % 100 == 0) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
                db.commit();
                double seconds = (System.nanoTime() - start) / 1e9;
                rawRows = total;
                progress("(a) %d rows in %.1f s", total, seconds);
                return total / seconds;
            }
        } finally {
            db.setAutoCommit(true);
            try (Statement statement = db.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + scratch);
            }
        }
    }

    // (e) ------------------------------------------------------------------------------------------------------

    private record Replay(List<String> groups, List<String> refused, long events, double seconds) {
    }

    private Replay replayAll(Connection db) throws Exception {
        long events = count(db, "SELECT count(*) FROM " + EVENTS);
        List<String> names = processors().stream().map(ProcessorView::name).toList();
        progress("(e) replaying every read model over %d events", events);
        long start = System.nanoTime();
        TallyClient.Response response = tally.post("/api/v1/admin/processors/replay", "");
        if (response.status() != 202) {
            throw new IllegalStateException("the replay answered " + response.status() + ": " + response.body());
        }
        List<String> replayed = new ArrayList<>();
        Matcher field = FIELD.matcher(response.body());
        while (field.find()) {
            if (field.group(1).equals("name")) {
                replayed.add(field.group(2).replace("\"", ""));
            }
        }
        List<String> refused = names.stream().filter(name -> !replayed.contains(name)).toList();
        awaitCaughtUp(replayed, 600);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Replay(replayed, refused, events, seconds);
    }

    // (g) ------------------------------------------------------------------------------------------------------

    private record Growth(long stored, long appended, double seconds) {

        double eventsPerSecond() {
            return appended / seconds;
        }
    }

    private final List<String> insertNotes = new ArrayList<>();

    private Growth growth(Connection db, List<String> accounts, long target, int grants) throws Exception {
        long stored = count(db, "SELECT count(*) FROM " + EVENTS);
        long missing = target - stored;
        if (missing > 0) {
            insertHistory(db, accounts, missing);
        }
        awaitCaughtUp(List.of(), 300);
        stored = count(db, "SELECT count(*) FROM " + EVENTS);
        progress("(g) %d stored events: %d grants", stored, grants);
        long before = count(db, "SELECT coalesce(max(globalindex), 0) FROM " + EVENTS);
        long wall = grants(accounts, grants);
        long appended = count(db, "SELECT count(*) FROM " + EVENTS + " WHERE globalindex > " + before);
        Growth growth = new Growth(stored, appended, wall / 1e9);
        progress("(g) %d stored: %d events appended in %.1f s = %.0f events/s", stored, appended, growth.seconds(),
                growth.eventsPerSecond());
        return growth;
    }

    /**
     * Fills {@code count} events of history in one INSERT ... SELECT generate_series, at negative global indexes
     * below every stored event: every processor's token is already past them, so they are stored (table and
     * indexes grow as with real history) but not streamed again. The first time, a few synthetic events are also
     * appended at the head, where every processor reads them: they must be skipped without a processor failing.
     */
    private void insertHistory(Connection db, List<String> accounts, long count) throws Exception {
        if (!skipChecked) {
            insertSynthetic(db, "nextval(pg_get_serial_sequence('" + EVENTS + "', 'globalindex'))", 1, 1000);
            awaitCaughtUp(List.of(), 120);
            skipChecked = true;
            insertNotes.add("1,000 synthetic events appended at the head first: every processor skipped them "
                    + "without failing");
            count -= 1000;
        }
        long below = Math.min(0, count(db, "SELECT coalesce(min(globalindex), 0) FROM " + EVENTS));
        long first = below - count;
        long last = below - 1;
        progress("(g) inserting %d synthetic events at global indexes %d..%d", count, first, last);
        long start = System.nanoTime();
        insertSynthetic(db, "i", first, last);
        double insertSeconds = (System.nanoTime() - start) / 1e9;
        long vacuumStart = System.nanoTime();
        try (Statement statement = db.createStatement()) {
            statement.execute("VACUUM (ANALYZE) " + EVENTS);
            // The bulk insert leaves gigabytes of dirty pages: flush them now, not during the measurement.
            statement.execute("CHECKPOINT");
        }
        double vacuumSeconds = (System.nanoTime() - vacuumStart) / 1e9;
        insertNotes.add(String.format(Locale.ROOT, "%,d events in %.1f s (%.0f rows/s), then VACUUM ANALYZE and CHECKPOINT in %.1f s",
                count, insertSeconds, count / insertSeconds, vacuumSeconds));
        progress("(g) inserted in %.1f s, vacuumed in %.1f s", insertSeconds, vacuumSeconds);
    }

    private boolean skipChecked;

    /** Synthetic events numbered {@code first..last}, their global index given by {@code globalIndex}. */
    private void insertSynthetic(Connection db, String globalIndex, long first, long last) throws SQLException {
        String payload = "{\"synthetic\":true,\"filler\":\"" + "x".repeat(Math.max(0, payloadBytes - 40)) + "\"}";
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + EVENTS + " (globalindex, "
                + "aggregateidentifier, sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, "
                + "payloadtype, timestamp) SELECT " + globalIndex + ", 'bench-history-" + runId + "-' || (i / 100), "
                + "i % 100, 'BenchHistory', md5(i::text || '" + runId + "')::uuid::text, convert_to('{}', 'UTF8'), "
                + "convert_to(?, 'UTF8'), NULL, ?, '2026-01-01T00:00:00Z' FROM generate_series(?::bigint, ?::bigint) "
                + "AS i")) {
            insert.setString(1, payload);
            insert.setString(2, SYNTHETIC_TYPE);
            insert.setLong(3, first);
            insert.setLong(4, last);
            insert.executeUpdate();
        }
    }

    // The engine ------------------------------------------------------------------------------------------------

    private record ProcessorView(String name, Long lag, String state, boolean replaying) {

        boolean caughtUp() {
            return lag != null && lag == 0 && "RUNNING".equals(state) && !replaying;
        }
    }

    private List<ProcessorView> processors() throws IOException, InterruptedException {
        TallyClient.Response response = tally.get("/api/v1/admin/processors");
        if (response.status() != 200) {
            throw new IllegalStateException("GET /admin/processors answered " + response.status());
        }
        List<ProcessorView> views = new ArrayList<>();
        for (String object : response.body().split("\\},\\s*\\{")) {
            String name = null;
            Long lag = null;
            String state = null;
            boolean replaying = false;
            Matcher field = FIELD.matcher(object);
            while (field.find()) {
                String value = field.group(2).strip().replace("\"", "");
                switch (field.group(1)) {
                    case "name" -> name = value;
                    case "lag" -> lag = "null".equals(value) ? null : Long.parseLong(value);
                    case "state" -> state = value;
                    case "replaying" -> replaying = Boolean.parseBoolean(value);
                    default -> {
                    }
                }
            }
            if (name != null) {
                views.add(new ProcessorView(name, lag, state, replaying));
            }
        }
        return views;
    }

    /**
     * Waits until every processor (or the named ones) has lag 0, is running and not replaying; fails if one is
     * FAILING (a handler refused an event: the synthetic history must be skipped).
     */
    private void awaitCaughtUp(List<String> names, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (true) {
            List<ProcessorView> views = processors();
            List<ProcessorView> behind = new ArrayList<>();
            for (ProcessorView view : views) {
                if ("FAILING".equals(view.state())) {
                    throw new IllegalStateException("processor " + view.name() + " is FAILING");
                }
                if ((names.isEmpty() || names.contains(view.name())) && !view.caughtUp()) {
                    behind.add(view);
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processors not caught up after " + timeoutSeconds + " s: " + behind);
            }
            Thread.sleep(50);
        }
    }

    private List<String> openAccounts(int count) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "ceiling-" + runId + "-" + i;
            tally.postExpecting(201, "/api/v1/accounts", """
                    {"id":"%s","email":"%s@bench.example","name":"Ceiling %d","currency":"EUR","billingMode":"PREPAID"}
                    """.formatted(id, id, i));
            ids.add(id);
        }
        return ids;
    }

    /** {@code total} grants spread round-robin over the accounts, on {@code clients} threads; the wall time. */
    private long grants(List<String> accounts, int total) throws Exception {
        int threads = Math.min(clients, Math.max(1, total));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    for (int g = thread; g < total; g += threads) {
                        String account = accounts.get(g % accounts.size());
                        tally.postExpecting(201, "/api/v1/accounts/" + account + "/credit-grants",
                                "{\"kind\":\"ADMIN\",\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"}}");
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            return System.nanoTime() - start;
        }
    }

    // SQL ------------------------------------------------------------------------------------------------------

    private static long count(Connection db, String sql) throws SQLException {
        return Long.parseLong(single(db, sql));
    }

    private static String single(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[ceiling] " + format + "%n", args);
    }
}

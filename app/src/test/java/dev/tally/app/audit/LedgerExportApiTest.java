package dev.tally.app.audit;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.PriceBooks;
import dev.tally.query.audit.offline.Difference;
import dev.tally.query.audit.offline.LedgerRecomputation;
import dev.tally.query.audit.offline.Recomputation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's exports and offline recomputation end to end: two accounts' histories (purchases, an admin grant, a
 * refund, usage rated with seed 004's prices) exported as JSON and CSV match the ledger read model posting for
 * posting, and recomputing the JSON export without the engine gives the balances the API reports, names the event of
 * an amount changed in the file, and answers on the command line with its exit code.
 */
class LedgerExportApiTest extends EngineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant JUNE_FIRST_TEN = Instant.parse("2026-06-01T10:00:00Z");
    private static final long GB = 1_000_000_000L;

    @TempDir
    Path dir;

    private Api api;
    private String priceBook;

    @BeforeEach
    void createSeed004PriceBook() {
        api = api();
        priceBook = PriceBooks.seed004(api, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * Prepaid: 100.00 bought, 5.00 given, 10.00 of the purchase refunded, and an hour of 7.000003429 core-hours and
     * 3 GB sent (0.350000171... + 0.03: sub-cent amounts, so balances are compared at the currency's scale).
     */
    private MeteredAccount prepaidHistory() {
        MeteredAccount account = MeteredAccount.open(api, "PREPAID", priceBook, 3_600);
        grant(account, "bought", "PURCHASE", "100.00");
        grant(account, "welcome", "ADMIN", "5.00");
        assertThat(api.post("/api/v1/accounts/" + account.id() + "/refunds", """
                {"grantId":"bought","amount":%s,"reason":"changed plans"}""".formatted(money("10.00", "EUR")))
                .status()).isEqualTo(201);
        work(account, 25_200_012_345_678L, 3 * GB);
        return account;
    }

    /** Postpaid: 2.00 given, and an hour of 20 core-hours and 50 GB sent accrued as receivable (1.50). */
    private MeteredAccount postpaidHistory() {
        MeteredAccount account = MeteredAccount.open(api, "POSTPAID", priceBook, 3_600);
        grant(account, "goodwill", "ADMIN", "2.00");
        work(account, 20 * 3_600 * Pod.CORE_SECOND, 50 * GB);
        return account;
    }

    @Test
    void exportsMatchTheLedgerAndRecomputeOfflineToTheBalancesTheApiReports() throws Exception {
        MeteredAccount prepaid = prepaidHistory();
        MeteredAccount postpaid = postpaidHistory();
        List<JsonNode> prepaidLedger = awaitLedger(prepaid, 4);
        List<JsonNode> postpaidLedger = awaitLedger(postpaid, 2);

        for (var account : List.of(new Ledger(prepaid, prepaidLedger), new Ledger(postpaid, postpaidLedger))) {
            String id = account.metered().id();
            String balance = account.metered().get("/balance").body().path("balance").path("amount").asString();

            HttpResponse<String> json = fetch("/api/v1/audit/accounts/" + id + "/ledger.json");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(json.headers().firstValue("Content-Disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"ledger-" + id + ".json\"");
            JsonNode export = JSON.readTree(json.body());
            assertThat(export.path("format").asString()).isEqualTo("tally-ledger-export/1");
            List<JsonNode> postings = new ArrayList<>();
            long sequence = 0;
            for (JsonNode event : export.path("events")) {
                assertThat(event.path("sequence").asLong()).as("every ledger event, in order").isEqualTo(sequence++);
                assertThat(event.path("accountId").asString()).isEqualTo(id);
                assertThat(event.path("payload").asString()).startsWith("{");
                for (JsonNode posting : event.path("postings")) {
                    postings.add(((ObjectNode) posting.deepCopy()).put("eventId", event.path("eventId").asString())
                            .put("kind", event.path("kind").asString()));
                }
            }
            assertThat(export.path("events").valueStream().map(event -> event.path("type").asString()))
                    .contains("CreditLedgerOpened", "CreditsGranted", "UsageCharged");
            assertThat(postings.stream().map(LedgerExportApiTest::entry))
                    .as("a posting per ledger read model entry, the same event, kind and balance after")
                    .containsExactlyElementsOf(account.entries().stream().map(LedgerExportApiTest::entry).toList());
            assertThat(atCurrencyScale(postings.getLast().path("balanceAfter").asString())).isEqualTo(balance);
            JsonNode charge = export.path("events").valueStream()
                    .filter(event -> event.path("type").asString().equals("UsageCharged")).findFirst().orElseThrow();
            assertThat(charge.path("priceBookId").asString()).isEqualTo(priceBook);
            assertThat(charge.path("priceVersion").asInt()).isEqualTo(1);
            assertThat(charge.path("lines").valueStream().map(line -> line.path("meter").asString()))
                    .contains("cpu", "egress");

            HttpResponse<String> csv = fetch("/api/v1/audit/accounts/" + id + "/ledger.csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"ledger-" + id + ".csv\"");
            List<String> lines = Arrays.asList(csv.body().split("\r\n"));
            assertThat(lines.getFirst()).isEqualTo("event_id,account_id,sequence,recorded_at,kind,chain_hash,"
                    + "previous_hash,posting,debit,credit,amount,currency,balance_after,grant_id,usage_id,invoice_id,"
                    + "price_book_id,price_version,rates");
            List<String[]> rows = lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList();
            assertThat(rows).hasSize(account.entries().size());
            assertThat(rows.stream().map(row -> row[0]))
                    .containsExactlyElementsOf(account.entries().stream()
                            .map(entry -> entry.path("eventId").asString()).toList());
            assertThat(atCurrencyScale(rows.getLast()[12])).isEqualTo(balance);
            assertThat(rows).filteredOn(row -> row[4].equals("USAGE_CHARGE")).allSatisfy(row -> {
                assertThat(row[16]).isEqualTo(priceBook);
                assertThat(row[17]).isEqualTo("1");
                assertThat(row[18]).isEqualTo("cpu 0.05/core-hour; egress 0.01/gb");
            });

            Path file = Files.writeString(dir.resolve(id + ".json"), json.body());
            Recomputation recomputation = LedgerRecomputation.recompute(file);
            assertThat(recomputation.differences()).isEmpty();
            assertThat(atCurrencyScale(recomputation.account(id).orElseThrow().balance().toPlainString()))
                    .as("the balance recomputed offline is the API's").isEqualTo(balance);
        }

        // An amount changed in the file: the refund's.
        Path exported = dir.resolve(prepaid.id() + ".json");
        ObjectNode export = (ObjectNode) JSON.readTree(exported.toFile());
        JsonNode refund = export.path("events").valueStream()
                .filter(event -> event.path("kind").asString().equals("REFUND")).findFirst().orElseThrow();
        ((ObjectNode) refund.path("postings").get(0)).put("amount", "1.00");
        Path altered = dir.resolve("altered.json");
        JSON.writeValue(altered.toFile(), export);
        String refundId = refund.path("eventId").asString();
        List<Difference> differences = LedgerRecomputation.recompute(altered).differences();
        assertThat(differences).filteredOn(difference -> difference.eventId() != null).isNotEmpty()
                .allSatisfy(difference -> assertThat(difference.eventId()).isEqualTo(refundId));
        assertThat(differences).filteredOn(difference -> difference.eventId() == null)
                .extracting(Difference::accountId).containsOnly(prepaid.id());

        // The same on the command line, as an auditor runs it.
        Cli matching = cli(exported);
        assertThat(matching.exitCode()).isEqualTo(0);
        assertThat(matching.out()).contains("Account " + prepaid.id() + " (EUR)", "No differences.");
        Cli differing = cli(altered);
        assertThat(differing.exitCode()).isEqualTo(1);
        assertThat(differing.out()).contains("Differences (", "event " + refundId);
    }

    @Test
    void theExportsOfAllAccountsHoldEveryAccountsLedger() throws Exception {
        MeteredAccount prepaid = prepaidHistory();
        MeteredAccount postpaid = postpaidHistory();
        List<String> events = new ArrayList<>();
        for (JsonNode entry : awaitLedger(prepaid, 4)) {
            events.add(entry.path("eventId").asString());
        }
        for (JsonNode entry : awaitLedger(postpaid, 2)) {
            events.add(entry.path("eventId").asString());
        }

        HttpResponse<String> json = fetch("/api/v1/audit/ledger.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"ledger.json\"");
        JsonNode export = JSON.readTree(json.body());
        assertThat(export.path("events").valueStream().map(event -> event.path("eventId").asString()))
                .containsAll(events);
        assertThat(export.path("events").valueStream().map(event -> event.path("globalIndex").asLong()))
                .as("in the order appended").isSorted();

        HttpResponse<String> csv = fetch("/api/v1/audit/ledger.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(Arrays.stream(csv.body().split("\r\n")).map(line -> line.split(",", -1)[0])).containsAll(events);
        assertThat(Arrays.stream(csv.body().split("\r\n")).map(line -> line.split(",", -1)[1]))
                .contains(prepaid.id(), postpaid.id());
    }

    @Test
    void anAccountWithoutALedgerIsNotFound() throws Exception {
        for (String export : List.of("ledger.json", "ledger.csv")) {
            HttpResponse<String> response = fetch("/api/v1/audit/accounts/" + uniqueId("nobody") + "/" + export);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("NOT_FOUND");
        }
    }

    private record Ledger(MeteredAccount metered, List<JsonNode> entries) {
    }

    private record Cli(int exitCode, String out) {
    }

    private static Cli cli(Path export) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = AuditCommand.run(new String[]{"audit", "recompute", "--export", export.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        return new Cli(exitCode, out.toString(StandardCharsets.UTF_8));
    }

    /** The event, kind and balance after of a ledger entry or an exported posting, at the currency's scale. */
    private static String entry(JsonNode posting) {
        JsonNode balanceAfter = posting.path("balanceAfter");
        String after = balanceAfter.isObject() ? balanceAfter.path("amount").asString()
                : atCurrencyScale(balanceAfter.asString());
        return posting.path("eventId").asString() + " " + posting.path("kind").asString() + " " + after;
    }

    private static String atCurrencyScale(String amount) {
        return new BigDecimal(amount).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private void grant(MeteredAccount account, String grantId, String kind, String amount) {
        assertThat(api.post("/api/v1/accounts/" + account.id() + "/credit-grants", """
                {"grantId":"%s","kind":"%s","amount":%s}""".formatted(grantId, kind, money(amount, "EUR")))
                .status()).isEqualTo(201);
    }

    /** A pod scraped at ten and eleven on 1 June, in between using {@code coreNanos} of CPU and sending {@code bytes}. */
    private static void work(MeteredAccount account, long coreNanos, long bytes) {
        Instant to = JUNE_FIRST_TEN.plus(Duration.ofHours(1));
        account.scrape("s-from", JUNE_FIRST_TEN, Pod.counters("batch", JUNE_FIRST_TEN, 0, 0));
        account.scrape("s-to", to, Pod.counters("batch", JUNE_FIRST_TEN, coreNanos, bytes));
    }

    /** The account's ledger entries once there are {@code count} and its balance has caught up with them. */
    private static List<JsonNode> awaitLedger(MeteredAccount account, int count) {
        eventually().until(() -> account.get("/ledger?size=500").body().path("items").size() == count
                && account.get("/ledger?size=500").body().path("items").get(count - 1).path("balanceAfter")
                .path("amount").asString().equals(
                        account.get("/balance").body().path("balance").path("amount").asString()));
        return account.get("/ledger?size=500").body().path("items").valueStream().toList();
    }

    private HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

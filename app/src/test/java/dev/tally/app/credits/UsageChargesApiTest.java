package dev.tally.app.credits;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.Money;
import dev.tally.api.credits.RefundCredits;
import dev.tally.api.credits.ReverseCharge;
import dev.tally.api.credits.SetLowBalanceThreshold;
import dev.tally.app.support.Amounts;
import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.PriceBooks;
import dev.tally.app.support.ReadModels;
import dev.tally.projections.credits.BalanceProjection;
import dev.tally.projections.credits.LedgerProjection;
import dev.tally.projections.metering.UsageCostProjection;
import dev.tally.projections.metering.UsageProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.tally.app.support.Api.money;
import static dev.tally.schema.jooq.Tables.ACCOUNT_ACCRUAL;
import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;
import static dev.tally.schema.jooq.Tables.USAGE_COST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage charged to accounts' ledgers, end to end over HTTP: scrapes are rated with seed 004's prices and read back
 * in the balance, the ledger's postings and the usage's costs, prepaid and postpaid. Refunds, reversals and
 * thresholds have no HTTP endpoint yet, so they are sent as commands, as their endpoints will send them.
 */
class UsageChargesApiTest extends EngineTest {

    private static final Instant JUNE_FIRST_TEN = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant JANUARY_FIFTH_TEN = Instant.parse("2026-01-05T10:00:00Z");
    private static final long GB = 1_000_000_000L;
    private static final long CORE_HOUR = 3_600 * Pod.CORE_SECOND;

    @Autowired
    DataSource dataSource;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    DSLContext db;

    @Autowired
    Clock clock;

    private Api api;
    private String priceBook;

    @BeforeEach
    void createSeed004PriceBook() {
        api = api();
        priceBook = PriceBooks.seed004(api, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * A batch job scraped at {@code from} and {@code to}, in between using {@code coreHours} of CPU and sending
     * {@code gigabytes}: at seed 004's prices 0.05 a core-hour and 0.01 a GB.
     */
    private static void batchJob(MeteredAccount account, String pod, Instant from, Instant to, long coreHours,
                                 long gigabytes) {
        account.scrape("s-" + from, from, Pod.counters(pod, from, 0, 0));
        account.scrape("s-" + to, to, Pod.counters(pod, from, coreHours * CORE_HOUR, gigabytes * GB));
    }

    /** An hour of 20 cores sending 50 GB: 1.00 of CPU and 0.50 of egress. */
    private static void anHourOfWork(MeteredAccount account, Instant from) {
        batchJob(account, "batch", from, from.plus(Duration.ofHours(1)), 20, 50);
    }

    private void grant(MeteredAccount account, String grantId, String kind, String amount) {
        assertThat(api.post("/api/v1/accounts/" + account.id() + "/credit-grants", """
                {"grantId":"%s","kind":"%s","amount":%s}""".formatted(grantId, kind, money(amount, "EUR")))
                .status()).isEqualTo(201);
    }

    /** A prepaid account granted 1.00 that then works an hour worth 1.50 on 1 June. */
    private MeteredAccount prepaidAccountRunIntoDebt() {
        MeteredAccount account = MeteredAccount.open(api, "PREPAID", priceBook, 3_600);
        grant(account, "first", "ADMIN", "1.00");
        anHourOfWork(account, JUNE_FIRST_TEN);
        return account;
    }

    @Test
    void usagePastThePrepaidCreditsIsOwedAndTheNextGrantPaysItFirst() {
        MeteredAccount account = MeteredAccount.open(api, "PREPAID", priceBook, 3_600);
        eventually().until(() -> account.get("/balance").status() == 200);
        assertThat(account.get("/balance").body().path("lowBalance").asBoolean())
                .as("a prepaid ledger starts low: nothing granted yet").isTrue();
        grant(account, "first", "ADMIN", "1.00");
        anHourOfWork(account, JUNE_FIRST_TEN);

        // the charge, then the ledger's low-balance event
        eventually().until(() -> balanceShows(account, "0.50 EUR", true));
        JsonNode owing = account.get("/balance").body();
        assertThat(Amounts.of(owing.path("balance"))).isEqualTo("0.00 EUR");
        assertThat(Amounts.of(owing.path("totalUsed"))).isEqualTo("1.00 EUR");

        eventually().until(() -> ledger(account).size() == 3);
        String charge = eventIds(account.id() + "/credits", "UsageCharged").getFirst();
        String usage = eventIds(ClusterId.of(account.cluster()).aggregateId(), "UsageMeasured").getFirst();
        List<JsonNode> entries = ledger(account);
        assertThat(entries.stream().map(UsageChargesApiTest::posting)).containsExactly(
                "GRANT_ADMIN 0 GRANTS_EXPENSE->CUSTOMER_CREDIT 1.00 EUR, after 1.00 EUR",
                "USAGE_CHARGE 0 CUSTOMER_CREDIT->REVENUE 1.00 EUR, after 0.00 EUR",
                "USAGE_CHARGE 1 RECEIVABLE->REVENUE 0.50 EUR, after 0.00 EUR");
        for (JsonNode entry : entries.subList(1, 3)) {
            assertThat(entry.path("eventId").asString()).isEqualTo(charge);
            assertThat(entry.path("usageId").asString()).isEqualTo(usage);
            assertThat(entry.path("priceBookId").asString()).isEqualTo(priceBook);
            assertThat(entry.path("priceVersion").asInt()).isEqualTo(1);
        }

        String june = "?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z";
        eventually().until(() -> "1.50 EUR".equals(Amounts.of(account.get("/usage/summary" + june).body()
                .path("totalCost"))));
        assertThat(costs(account.get("/usage" + june + "&granularity=hour").body())).containsExactly(
                "2026-06-01T10:00:00Z cpu 20 core-hour 1.00 EUR",
                "2026-06-01T10:00:00Z egress 50 gb 0.50 EUR");

        grant(account, "top-up", "ADMIN", "2.00");

        eventually().until(() -> ledger(account).size() == 5);
        assertThat(ledger(account).subList(3, 5).stream().map(UsageChargesApiTest::posting)).containsExactly(
                "GRANT_ADMIN 0 GRANTS_EXPENSE->CUSTOMER_CREDIT 2.00 EUR, after 2.00 EUR",
                "DEBT_SETTLED 0 CUSTOMER_CREDIT->RECEIVABLE 0.50 EUR, after 1.50 EUR");
        assertThat(ledger(account).get(4).path("grantId").asString()).isEqualTo("top-up");
        eventually().until(() -> balanceShows(account, "0.00 EUR", false));
        JsonNode settled = account.get("/balance").body();
        assertThat(Amounts.of(settled.path("balance"))).isEqualTo("1.50 EUR");
        assertThat(Amounts.of(settled.path("totalGranted"))).isEqualTo("3.00 EUR");
        assertThat(Amounts.of(settled.path("totalUsed"))).isEqualTo("1.50 EUR");
    }

    @Test
    void refundsReversalsAndThresholdsShowInTheBalanceAndTheLedger() {
        MeteredAccount account = MeteredAccount.open(api, "PREPAID", priceBook, 3_600);
        AccountId id = AccountId.of(account.id());
        grant(account, "bought", "PURCHASE", "10.00");
        anHourOfWork(account, JUNE_FIRST_TEN);
        String usage = eventIds(ClusterId.of(account.cluster()).aggregateId(), "UsageMeasured").getFirst();
        Instant now = clock.instant();

        commands.sendAndWait(new RefundCredits(id, "refund-1", "bought", Money.of("3.00", "EUR"), "asked", now));
        commands.sendAndWait(new ReverseCharge(id, "goodwill-1", usage, Money.of("0.50", "EUR"), "outage", now));
        commands.sendAndWait(new SetLowBalanceThreshold(id, Money.of("7.00", "EUR"), null));

        // low from the start, then not once granted: wait for the threshold's crossing, the ledger's last event
        eventually().until(() -> {
            JsonNode balance = account.get("/balance").body();
            return "0.50 EUR".equals(Amounts.of(balance.path("totalReversed")))
                    && balance.path("lowBalance").asBoolean();
        });
        JsonNode balance = account.get("/balance").body();
        // 10.00 granted - 1.50 used - 3.00 refunded + 0.50 reversed
        assertThat(Amounts.of(balance.path("balance"))).isEqualTo("6.00 EUR");
        assertThat(Amounts.of(balance.path("totalUsed"))).isEqualTo("1.50 EUR");
        assertThat(Amounts.of(balance.path("totalRefunded"))).isEqualTo("3.00 EUR");
        assertThat(Amounts.of(balance.path("totalReversed"))).isEqualTo("0.50 EUR");
        assertThat(Amounts.of(balance.path("uncollected"))).isEqualTo("0.00 EUR");

        eventually().until(() -> ledger(account).size() == 4);
        List<JsonNode> entries = ledger(account);
        assertThat(entries.stream().map(UsageChargesApiTest::posting)).containsExactly(
                "GRANT_PURCHASE 0 CASH->CUSTOMER_CREDIT 10.00 EUR, after 10.00 EUR",
                "USAGE_CHARGE 0 CUSTOMER_CREDIT->REVENUE 1.50 EUR, after 8.50 EUR",
                "REFUND 0 CUSTOMER_CREDIT->CASH 3.00 EUR, after 5.50 EUR",
                "REVERSAL 0 REVENUE->CUSTOMER_CREDIT 0.50 EUR, after 6.00 EUR");
        assertThat(entries.get(2).path("grantId").asString()).isEqualTo("bought");
        assertThat(entries.get(3).path("usageId").asString()).isEqualTo(usage);
    }

    /** A postpaid account on 5 January (1.50) and in the current hour (20 core-hours and 30 GB: 1.30). */
    private MeteredAccount postpaidAccountUsingThisMonth() {
        MeteredAccount account = MeteredAccount.open(api, "POSTPAID", priceBook, 3_600);
        anHourOfWork(account, JANUARY_FIFTH_TEN);
        // The current hour is in the current month; its first minute has passed or is within the scrape tolerance.
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        batchJob(account, "batch-now", hour, hour.plus(Duration.ofMinutes(1)), 20, 30);
        return account;
    }

    @Test
    void postpaidUsageAccruesIntoTheMonthItWasUsedIn() {
        MeteredAccount account = postpaidAccountUsingThisMonth();

        eventually().until(() -> "1.30 EUR".equals(Amounts.of(account.get("/balance").body()
                .path("accruedThisPeriod"))));
        JsonNode balance = account.get("/balance").body();
        assertThat(balance.path("billingMode").asString()).isEqualTo("POSTPAID");
        assertThat(Amounts.of(balance.path("balance"))).isEqualTo("0.00 EUR");
        assertThat(Amounts.of(balance.path("totalUsed"))).isEqualTo("0.00 EUR");
        assertThat(Amounts.of(balance.path("uncollected"))).isEqualTo("0.00 EUR");
        assertThat(balance.path("lowBalance").asBoolean()).isFalse();

        eventually().until(() -> ledger(account).size() == 2);
        assertThat(ledger(account).stream().map(UsageChargesApiTest::posting)).containsExactly(
                "USAGE_CHARGE 0 RECEIVABLE->REVENUE 1.50 EUR, after 0.00 EUR",
                "USAGE_CHARGE 0 RECEIVABLE->REVENUE 1.30 EUR, after 0.00 EUR");

        // without from and to, the summary is of the current month too
        eventually().until(() -> "1.30 EUR".equals(Amounts.of(account.get("/usage/summary").body()
                .path("totalCost"))));
        assertThat(Amounts.of(account.get("/usage/summary?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")
                .body().path("totalCost"))).isEqualTo("1.50 EUR");
    }

    /** Balances, ledger, usage and its costs are disposable: dropped, spoilt and replayed, they read the same. */
    @Test
    void chargedReadModelsReplayToTheSameAnswers() {
        MeteredAccount prepaid = prepaidAccountRunIntoDebt();
        grant(prepaid, "top-up", "ADMIN", "2.00");
        MeteredAccount postpaid = postpaidAccountUsingThisMonth();
        String june = "?from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z";
        String january = "/usage/summary?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";
        List<String> reads = List.of("/balance", "/ledger", "/usage" + june + "&granularity=hour",
                "/usage/summary" + june, "/usage/summary", january);
        eventually().until(() -> ledger(prepaid).size() == 5 && ledger(postpaid).size() == 2
                && balanceShows(prepaid, "0.00 EUR", false)
                && "1.30 EUR".equals(Amounts.of(postpaid.get("/balance").body().path("accruedThisPeriod")))
                && "1.50 EUR".equals(Amounts.of(prepaid.get("/usage/summary" + june).body().path("totalCost")))
                && "1.30 EUR".equals(Amounts.of(postpaid.get("/usage/summary").body().path("totalCost")))
                && "1.50 EUR".equals(Amounts.of(postpaid.get(january).body().path("totalCost"))));
        // Coverage comes from the clusters' scrape windows, another processor: every one must have caught up.
        eventually().until(() -> api.get("/api/v1/admin/processors").body().valueStream()
                .allMatch(processor -> processor.path("lag").asLong(-1) == 0));
        List<JsonNode> before = answers(List.of(prepaid, postpaid), reads);

        // Spoil each read model: a replay must start from empty tables, not write over what is there.
        List<String> accounts = List.of(prepaid.id(), postpaid.id());
        db.update(ACCOUNT_BALANCE).set(ACCOUNT_BALANCE.BALANCE, BigDecimal.TEN)
                .where(ACCOUNT_BALANCE.ACCOUNT_ID.in(accounts)).execute();
        db.update(ACCOUNT_ACCRUAL).set(ACCOUNT_ACCRUAL.ACCRUED, BigDecimal.TEN)
                .where(ACCOUNT_ACCRUAL.ACCOUNT_ID.in(accounts)).execute();
        db.deleteFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.ACCOUNT_ID.eq(prepaid.id()).and(LEDGER_ENTRY.POSTING.eq(1)))
                .execute();
        db.update(USAGE_COST).set(USAGE_COST.AMOUNT, BigDecimal.TEN).where(USAGE_COST.ACCOUNT_ID.in(accounts))
                .execute();
        assertThat(answers(List.of(prepaid, postpaid), reads)).isNotEqualTo(before);

        List.of(BalanceProjection.PROCESSING_GROUP, LedgerProjection.PROCESSING_GROUP,
                        UsageCostProjection.PROCESSING_GROUP, UsageProjection.PROCESSING_GROUP)
                .forEach(group -> ReadModels.replay(processing, group));

        eventually().untilAsserted(() ->
                assertThat(answers(List.of(prepaid, postpaid), reads)).isEqualTo(before));
    }

    /** Whether the balance shows {@code uncollected} owed and the low-balance flag as given. */
    private static boolean balanceShows(MeteredAccount account, String uncollected, boolean low) {
        JsonNode balance = account.get("/balance").body();
        return uncollected.equals(Amounts.of(balance.path("uncollected")))
                && balance.path("lowBalance").asBoolean() == low;
    }

    private static List<JsonNode> answers(List<MeteredAccount> accounts, List<String> reads) {
        return accounts.stream().flatMap(account -> reads.stream().map(path -> account.get(path).body())).toList();
    }

    private static List<JsonNode> ledger(MeteredAccount account) {
        return account.get("/ledger?size=500").body().path("items").valueStream().toList();
    }

    /** Each ledger entry as "KIND posting DEBIT->CREDIT amount, after balance". */
    private static String posting(JsonNode entry) {
        return entry.path("kind").asString() + " " + entry.path("posting").asInt() + " "
                + entry.path("debit").asString() + "->" + entry.path("credit").asString() + " "
                + Amounts.of(entry.path("amount")) + ", after " + Amounts.of(entry.path("balanceAfter"));
    }

    /** Each usage item as "start meter quantity unit cost". */
    private static List<String> costs(JsonNode usage) {
        return usage.path("items").valueStream()
                .map(item -> item.path("start").asString() + " " + item.path("meter").asString() + " "
                        + item.path("quantity").asString() + " " + item.path("unit").asString() + " "
                        + Amounts.of(item.path("cost")))
                .toList();
    }

    /** The ids of an aggregate's events of one type, in the order they were stored. */
    private List<String> eventIds(String aggregateId, String eventType) {
        return JdbcClient.create(dataSource)
                .sql("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE ?"
                        + " ORDER BY sequencenumber")
                .params(aggregateId, "%." + eventType)
                .query(String.class)
                .list();
    }
}

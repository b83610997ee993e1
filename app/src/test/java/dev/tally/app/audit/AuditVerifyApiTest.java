package dev.tally.app.audit;

import dev.tally.app.support.Amounts;
import dev.tally.app.support.Api;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.PriceBooks;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.integrations.stripe.webhook.StripePayloads;
import dev.tally.integrations.stripe.webhook.StripeSigner;
import dev.tally.query.audit.offline.AccountFigures;
import dev.tally.query.audit.offline.LedgerRecomputation;
import dev.tally.query.audit.offline.Recomputation;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.tally.schema.jooq.Tables.ACCOUNT_BALANCE;
import static dev.tally.schema.jooq.Tables.INVOICE;
import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;
import static dev.tally.schema.jooq.Tables.USAGE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's done-when: after a random mix of grants, scrapes and their charges, expiries, refunds, reversals, an
 * invoice closing, payments and Stripe webhooks, verification finds no mismatch, the trial balance balances and the
 * offline re-computation of the export gives the API's balances and invoice totals; and
 * verification is not vacuous: each read model changed behind the engine's back is named, with its events, in the
 * response, the health details and the metrics.
 */
class AuditVerifyApiTest {

    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final int DAYS = 36;
    private static final String WEBHOOK_SECRET = "whsec_audit-verify-test";
    private static final long SEED = Long.getLong("tally.test.seed", 8L);

    @TempDir
    Path dataDir;

    @Test
    void aRandomHistoryVerifiesCleanAndEveryTamperedReadModelIsNamed() throws IOException {
        Map<String, String> settings = Map.of(
                "tally.demo", "false",
                "tally.test-clock.enabled", "true",
                "tally.test-clock.start", APRIL.toString(),
                "tally.stripe.webhook-secret", WEBHOOK_SECRET,
                // weekly rather than daily: the schedule is shown to run, without replaying every simulated day
                "tally.audit.verify-cron", "0 0 3 * * MON");
        try (RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, settings)) {
            Api api = tally.api();
            List<MeteredAccount> accounts = randomHistory(api, new Random(SEED));
            awaitReadModelsCaughtUp(api);
            assertThat(api.get("/actuator/health").body().path("components").path("audit").path("details")
                    .path("lastVerifiedAt").asString()).as("the scheduled verification ran").startsWith("2026-");

            JsonNode all = api.post("/api/v1/audit/verify", "{}").body();
            assertThat(all.path("mismatches").size()).as("seed %d: %s", SEED, all).isZero();
            assertThat(all.path("accountsChecked").asInt()).isEqualTo(accounts.size());
            assertThat(all.path("eventsReplayed").asLong()).isGreaterThan(DAYS * accounts.size());
            assertThat(api.get("/api/v1/audit/trial-balance").body().path("balanced").asBoolean()).isTrue();
            Path export = Files.writeString(dataDir.resolve("ledger.json"), api.getText("/api/v1/audit/ledger.json"));
            Recomputation offline = LedgerRecomputation.recompute(export);
            assertThat(offline.differences()).isEmpty();
            for (MeteredAccount account : accounts) {
                JsonNode replayed = api.get("/api/v1/audit/accounts/" + account.id() + "/balance").body();
                JsonNode balance = account.get("/balance").body();
                for (String figure : List.of("balance", "totalGranted", "totalUsed")) {
                    assertThat(Amounts.of(replayed.path(figure))).as(figure).isEqualTo(Amounts.of(balance.path(figure)));
                }
                AccountFigures recomputed = offline.account(account.id()).orElseThrow();
                assertThat(recomputed.balance().setScale(2, RoundingMode.HALF_EVEN).toPlainString())
                        .as("the balance recomputed offline").isEqualTo(balance.path("balance").path("amount").asString());
                assertThat(recomputed.invoices()).as("April's invoice, re-totalled").hasSize(1);
                JsonNode invoice = api.get("/api/v1/invoices/" + recomputed.invoices().getFirst().invoiceId()).body();
                assertThat(recomputed.invoices().getFirst().total().setScale(2, RoundingMode.HALF_EVEN).toPlainString())
                        .as("invoice %s", invoice).isEqualTo(invoice.path("total").path("amount").asString());
            }

            DSLContext db = tally.bean(DSLContext.class);
            assertThat(db.selectDistinct(LEDGER_ENTRY.KIND).from(LEDGER_ENTRY)
                    .where(LEDGER_ENTRY.ACCOUNT_ID.in(accounts.stream().map(MeteredAccount::id).toList()))
                    .fetch(LEDGER_ENTRY.KIND))
                    .as("the history moved money every way it is meant to")
                    .contains("GRANT_PURCHASE", "USAGE_CHARGE", "EXPIRY", "REVERSAL", "PURCHASE_REFUNDED",
                            "INVOICE_PAYMENT");

            MeteredAccount tampered = accounts.getFirst();
            db.update(ACCOUNT_BALANCE).set(ACCOUNT_BALANCE.BALANCE, ACCOUNT_BALANCE.BALANCE.plus(1))
                    .where(ACCOUNT_BALANCE.ACCOUNT_ID.eq(tampered.id())).execute();
            var lostPosting = db.selectFrom(LEDGER_ENTRY).where(LEDGER_ENTRY.ACCOUNT_ID.eq(tampered.id()))
                    .orderBy(LEDGER_ENTRY.SEQUENCE).limit(1).fetchSingle();
            lostPosting.delete();
            var usage = db.selectFrom(USAGE).where(USAGE.ACCOUNT_ID.eq(tampered.id())).limit(1).fetchSingle();
            usage.setQuantity(usage.getQuantity().add(java.math.BigDecimal.ONE));
            usage.store();
            db.update(INVOICE).set(INVOICE.STATUS, "VOID").where(INVOICE.ACCOUNT_ID.eq(tampered.id())).execute();

            JsonNode one = api.post("/api/v1/audit/verify", "{\"accountId\":\"" + tampered.id() + "\"}").body();
            List<String> found = new ArrayList<>();
            for (JsonNode mismatch : one.path("mismatches")) {
                found.add(mismatch.path("readModel").asString() + " " + mismatch.path("key").asString() + " "
                        + mismatch.path("field").asString());
                assertThat(mismatch.path("accountId").asString()).isEqualTo(tampered.id());
            }
            assertThat(found).contains(
                    "balances " + tampered.id() + " balance",
                    "ledger " + lostPosting.getEventId() + "#" + lostPosting.getPosting() + " row",
                    "usage " + usage.getEventId() + "/" + usage.getMeter() + " quantity",
                    "invoices " + db.select(INVOICE.ID).from(INVOICE).where(INVOICE.ACCOUNT_ID.eq(tampered.id()))
                            .fetchSingle(INVOICE.ID) + " status");
            JsonNode balanceMismatch = one.path("mismatches").valueStream()
                    .filter(mismatch -> mismatch.path("field").asString().equals("balance")).findFirst().orElseThrow();
            assertThat(balanceMismatch.path("eventIds").size()).isPositive();
            assertThat(new java.math.BigDecimal(balanceMismatch.path("actual").asString())
                    .subtract(new java.math.BigDecimal(balanceMismatch.path("expected").asString())))
                    .isEqualByComparingTo("1");
            JsonNode lostMismatch = one.path("mismatches").valueStream()
                    .filter(mismatch -> mismatch.path("readModel").asString().equals("ledger")).findFirst()
                    .orElseThrow();
            assertThat(lostMismatch.path("eventIds").valueStream().map(JsonNode::asString))
                    .containsExactly(lostPosting.getEventId());

            var ghost = db.selectFrom(ACCOUNT_BALANCE).where(ACCOUNT_BALANCE.ACCOUNT_ID.eq(accounts.getLast().id()))
                    .fetchSingle().copy();
            ghost.setAccountId("ghost");
            ghost.insert();

            JsonNode again = api.post("/api/v1/audit/verify", "{}").body();
            int mismatches = again.path("mismatches").size();
            assertThat(mismatches).as("the account's mismatches and the ghost's row")
                    .isEqualTo(one.path("mismatches").size() + 1);
            assertThat(again.path("mismatches").valueStream().map(mismatch -> mismatch.path("readModel").asString()
                    + " " + mismatch.path("key").asString() + " " + mismatch.path("actual").asString()))
                    .contains("balances ghost present");
            JsonNode health = api.get("/actuator/health").body().path("components").path("audit");
            assertThat(health.path("details").path("mismatches").asInt()).isEqualTo(mismatches);
            assertThat(api.getText("/actuator/prometheus")).contains("tally_audit_mismatches " + mismatches + ".0");
        }
    }

    /**
     * Three accounts over {@value #DAYS} days from April 1 (the clock moving day by day, so grants expire and April
     * closes into invoices on May 1), with seed 004's container scraped daily and random grants, purchases through
     * Stripe's webhook, Stripe refunds, refunds, reversals and, after the close, finalized and paid invoices.
     */
    private static List<MeteredAccount> randomHistory(Api api, Random random) {
        String book = PriceBooks.seed004(api, APRIL);
        List<MeteredAccount> accounts = List.of(
                MeteredAccount.open(api, "PREPAID", book, 86_400),
                MeteredAccount.open(api, "PREPAID", book, 86_400),
                MeteredAccount.open(api, "POSTPAID", book, 86_400));
        List<String[]> purchases = new ArrayList<>();
        for (int day = 0; day <= DAYS; day++) {
            Instant today = APRIL.plus(Duration.ofDays(day));
            assertThat(api.advanceTestClockTo(today).status()).isEqualTo(200);
            for (MeteredAccount account : accounts) {
                account.scrape("day-" + day, today, Pod.seed004Container(APRIL, day));
            }
            MeteredAccount account = accounts.get(random.nextInt(accounts.size()));
            String path = "/api/v1/accounts/" + account.id();
            switch (random.nextInt(5)) {
                case 0 -> assertThat(api.post(path + "/credit-grants", """
                        {"kind":"%s","amount":{"amount":"%d.%02d","currency":"EUR"},"expiresAt":"%s"}""".formatted(
                        List.of("ADMIN", "VOUCHER", "PROMOTION").get(random.nextInt(3)), 1 + random.nextInt(20),
                        random.nextInt(100), today.plus(Duration.ofDays(1 + random.nextInt(4))))).status())
                        .isEqualTo(201);
                case 1 -> {
                    String paymentIntent = "pi_audit_" + day;
                    long cents = 1_000 + random.nextInt(4_000);
                    assertThat(deliver(api, StripePayloads.event("evt_checkout_" + day, "checkout.session.completed",
                            StripePayloads.checkoutSession("cs_audit_" + day, paymentIntent, account.id(), cents,
                                    "eur", "paid"))).status()).isEqualTo(200);
                    purchases.add(new String[]{paymentIntent, Long.toString(cents)});
                }
                case 2 -> {
                    if (!purchases.isEmpty()) {
                        String[] purchase = purchases.get(random.nextInt(purchases.size()));
                        long cents = Long.parseLong(purchase[1]);
                        assertThat(deliver(api, StripePayloads.event("evt_refund_" + day, "charge.refunded",
                                StripePayloads.charge("ch_" + purchase[0], purchase[0], cents,
                                        cents / (2 + random.nextInt(3)), "eur", null))).status())
                                .isIn(200, 404);
                    }
                }
                case 3 -> assertThat(api.post(path + "/charge-reversals", """
                        {"amount":{"amount":"0.%02d","currency":"EUR"},"reason":"goodwill"}"""
                        .formatted(1 + random.nextInt(50))).status()).isIn(201, 409);
                default -> assertThat(api.post(path + "/credit-grants", """
                        {"grantId":"bought-%d","kind":"PURCHASE","amount":{"amount":"30.00","currency":"EUR"}}"""
                        .formatted(day)).status()).isEqualTo(201);
            }
            if (day == 31) {
                settleApril(api, accounts);
            }
        }
        return accounts;
    }

    /** Each account's April invoice is finalized; the postpaid one's payment arrives by Stripe's webhook. */
    private static void settleApril(Api api, List<MeteredAccount> accounts) {
        for (MeteredAccount account : accounts) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> account.get("/invoices").body()
                    .path("items").size() == 1);
            String invoice = account.get("/invoices").body().path("items").get(0).path("id").asString();
            assertThat(api.post("/api/v1/invoices/" + invoice + "/finalize", "{}").status()).isEqualTo(200);
            if (account == accounts.getLast()) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Set.of("FINALIZED", "PAID")
                        .contains(api.get("/api/v1/invoices/" + invoice).body().path("status").asString()));
                assertThat(deliver(api, StripePayloads.event("evt_paid_" + invoice, "invoice.payment_succeeded",
                        StripePayloads.invoice("in_" + invoice, invoice, true, 1, null))).status()).isEqualTo(200);
            }
        }
    }

    /** Every read model has handled every stored event. */
    private static void awaitReadModelsCaughtUp(Api api) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/v1/admin/processors").body()
                .valueStream().allMatch(processor -> processor.path("lag").asLong(-1) == 0));
    }

    private static Api.Response deliver(Api api, String payload) {
        return api.withKey(null).post("/api/v1/webhooks/stripe", payload,
                Map.of("Stripe-Signature", StripeSigner.header(WEBHOOK_SECRET, payload, Instant.now())));
    }
}

package dev.tally.app.billing;

import dev.tally.app.support.Amounts;
import dev.tally.app.support.Api;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.PriceBooks;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.integrations.stripe.webhook.StripePayloads;
import dev.tally.integrations.stripe.webhook.StripeSigner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6's "done when" on the test clock: a postpaid month of seed 004's usage, and the clock moved past the 1st,
 * closes by itself into an invoice of 36.00 + 7.20 + 3.00 + 0.50 = 46.70, which an admin finalizes and credits,
 * and Stripe's signed webhook reports paid.
 */
class BillingPeriodsApiTest {

    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant MAY = Instant.parse("2026-05-01T00:00:00Z");
    private static final int DAYS = 30;
    private static final String WEBHOOK_SECRET = "whsec_billing-periods-test";

    @TempDir
    Path dataDir;


    @Test
    void aPostpaidMonthClosesByItselfIntoSeed004sInvoice() {
        Map<String, String> settings = Map.of(
                "tally.demo", "false",
                "tally.test-clock.enabled", "true",
                "tally.test-clock.start", APRIL.toString(),
                "tally.stripe.webhook-secret", WEBHOOK_SECRET);
        try (RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, settings)) {
            Api api = tally.api();
            MeteredAccount account = MeteredAccount.open(api, "POSTPAID", PriceBooks.seed004(api, APRIL), 86_400);
            for (int day = 0; day < DAYS; day++) {
                assertThat(api.advanceTestClockTo(APRIL.plus(Duration.ofDays(day))).status()).isEqualTo(200);
                account.scrape("day-" + day, APRIL.plus(Duration.ofDays(day)), Pod.seed004Container(APRIL, day));
            }
            // The month's last scrape is taken at midnight; it reaches the engine just before.
            assertThat(api.advanceTestClockTo(MAY.minus(Duration.ofMinutes(2))).status()).isEqualTo(200);
            account.scrape("day-" + DAYS, MAY, Pod.seed004Container(APRIL, DAYS));

            assertThat(api.advanceTestClockTo(MAY.plus(Duration.ofHours(1))).status()).isEqualTo(200);

            JsonNode invoice = awaitInvoice(api, account.id());
            assertThat(invoice.path("status").asString()).isEqualTo("DRAFT");
            assertThat(invoice.path("periodStart").asString()).isEqualTo(APRIL.toString());
            assertThat(invoice.path("periodEnd").asString()).isEqualTo(MAY.toString());
            assertThat(lines(invoice)).containsExactly(
                    "cpu 720 core-hour 0.05 36.00 EUR",
                    "memory 1440 gb-hour 0.005 7.20 EUR",
                    "storage 30 gb-day 0.1 3.00 EUR",
                    "egress 50 gb 0.01 0.50 EUR");
            assertThat(Amounts.of(invoice.path("subtotal"))).isEqualTo("46.70 EUR");
            assertThat(Amounts.of(invoice.path("total"))).isEqualTo("46.70 EUR");

            Api.Response again = api.post("/api/v1/accounts/" + account.id() + "/billing-periods/close",
                    "{\"periodEnd\":\"" + MAY + "\"}");
            assertThat(again.status()).isEqualTo(409);
            Api.Response midMonth = api.post("/api/v1/accounts/" + account.id() + "/billing-periods/close",
                    "{\"periodEnd\":\"2026-04-15T00:00:00Z\"}");
            assertThat(midMonth.fieldsAtFault()).containsExactly("periodEnd");

            String id = invoice.path("id").asString();
            assertThat(api.post("/api/v1/invoices/" + id + "/finalize", "{}").status()).isEqualTo(200);
            Api.Response credited = api.post("/api/v1/invoices/" + id + "/credit-notes",
                    "{\"amount\":{\"amount\":\"6.70\",\"currency\":\"EUR\"},\"reason\":\"outage on the 3rd\"}");
            assertThat(credited.status()).isEqualTo(201);

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "FINALIZED".equals(
                    api.get("/api/v1/invoices/" + id).body().path("status").asString()));
            JsonNode finalized = api.get("/api/v1/invoices/" + id).body();
            assertThat(finalized.path("number").asString()).isEqualTo("2026-000001");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "6.70 EUR".equals(Amounts.of(
                    account.get("/balance").body().path("totalReversed"))));

            // Stripe collects the rest: the invoice is paid once, and the ledger receives 40.00 in cash.
            String paid = StripePayloads.event("evt_paid_" + id, "invoice.payment_succeeded",
                    StripePayloads.invoice("in_" + id, id, true, 1, null));
            assertThat(deliver(api, paid).status()).isEqualTo(200);
            assertThat(deliver(api, paid).status()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(
                    api.get("/api/v1/invoices/" + id).body().path("status").asString()));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> account.get("/ledger?page=1&size=500").body()
                    .path("items").valueStream().filter(entry -> entry.path("kind").asString()
                            .equals("INVOICE_PAYMENT")).map(entry -> Amounts.of(entry.path("amount")))
                    .toList().equals(List.of("40.00 EUR")));
        }
    }

    private static Api.Response deliver(Api api, String payload) {
        return api.withKey(null).post("/api/v1/webhooks/stripe", payload,
                Map.of("Stripe-Signature", StripeSigner.header(WEBHOOK_SECRET, payload, Instant.now())));
    }

    private static JsonNode awaitInvoice(Api api, String accountId) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.get(
                "/api/v1/accounts/" + accountId + "/invoices").body().path("items").size() == 1);
        String id = api.get("/api/v1/accounts/" + accountId + "/invoices").body().path("items").get(0)
                .path("id").asString();
        return api.get("/api/v1/invoices/" + id).body();
    }

    /** Each line as "meter quantity unit rate amount". */
    private static List<String> lines(JsonNode invoice) {
        return invoice.path("lines").valueStream()
                .map(line -> line.path("meter").asString() + " " + line.path("quantity").asString() + " "
                        + line.path("unit").asString() + " " + line.path("rate").asString() + " "
                        + Amounts.of(line.path("amount")))
                .toList();
    }
}

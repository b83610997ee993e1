package dev.tally.app.stripe;

import dev.tally.app.support.Api;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.PriceBooks;
import dev.tally.app.support.RunningTally;
import dev.tally.app.support.TestDatabase;
import dev.tally.integrations.stripe.FakeStripe;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A postpaid month closed on the 1st and finalized ends as an invoice in Stripe: it shows as pending while Stripe
 * fails, and as sent, with Stripe's id, once a retry gets through.
 */
class StripeInvoiceEndToEndTest {

    private static final Instant JANUARY_15 = Instant.parse("2026-01-15T00:00:00Z");
    private static final Instant FEBRUARY = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void aFinalizedPostpaidInvoiceShowsPendingUntilStripeHasItThenSent() {
        try (FakeStripe stripe = FakeStripe.start();
             RunningTally tally = RunningTally.start(TestDatabase.create(), dataDir, Map.of(
                     "tally.demo", "false",
                     "tally.test-clock.enabled", "true",
                     "tally.test-clock.start", JANUARY_15.toString(),
                     "tally.stripe.api-key", FakeStripe.API_KEY,
                     "tally.stripe.api-base", stripe.baseUrl()))) {
            Api api = tally.api();
            MeteredAccount account = MeteredAccount.open(api, "POSTPAID",
                    PriceBooks.seed004(api, Instant.parse("2026-01-01T00:00:00Z")), 3_600);
            // The monthly close takes its accounts from the accounts read model; one opened a moment before the
            // 1st may not be there yet, and would be closed with the next month.
            eventually().until(() -> api.get("/api/v1/accounts/" + account.id()).status() == 200);
            account.scrape("s-0", JANUARY_15, Pod.counters("p-1", JANUARY_15, 0, 0));
            assertThat(api.advanceTestClockTo(JANUARY_15.plus(Duration.ofHours(1))).status()).isEqualTo(200);
            account.scrape("s-1", JANUARY_15.plus(Duration.ofHours(1)),
                    Pod.counters("p-1", JANUARY_15, 3_600 * Pod.CORE_SECOND, 0));
            stripe.failing(FakeStripe.INVOICES, 503);

            assertThat(api.advanceTestClockTo(FEBRUARY.plus(Duration.ofMinutes(5))).status()).isEqualTo(200);
            eventually().until(() -> account.get("/invoices").body().path("items").size() == 1);
            String invoiceId = account.get("/invoices").body().path("items").get(0).path("id").asString();
            assertThat(api.post("/api/v1/invoices/" + invoiceId + "/finalize", "{}").status()).isEqualTo(200);

            eventually().until(() -> !stripe.requests(FakeStripe.INVOICES).isEmpty());
            eventually().until(() -> "PENDING".equals(stripe(api, invoiceId).path("status").asString()));

            stripe.reset();
            assertThat(api.advanceTestClockTo(FEBRUARY.plus(Duration.ofMinutes(6))).status()).isEqualTo(200);

            eventually().until(() -> "SENT".equals(stripe(api, invoiceId).path("status").asString()));
            assertThat(stripe(api, invoiceId).path("invoiceId").asString()).isEqualTo(FakeStripe.INVOICE);
            assertThat(stripe.requests(FakeStripe.FINALIZE)).hasSize(1);
        }
    }

    private static JsonNode stripe(Api api, String invoiceId) {
        return api.get("/api/v1/invoices/" + invoiceId).body().path("stripe");
    }


    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
    }
}

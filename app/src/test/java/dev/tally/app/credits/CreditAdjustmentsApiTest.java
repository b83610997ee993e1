package dev.tally.app.credits;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins correct a ledger with new postings: a charge reversed, purchased credits refunded, and a low-balance
 * threshold set. Each is capped by what the ledger holds, and a refused one stores nothing.
 */
class CreditAdjustmentsApiTest extends EngineTest {

    /** Two busy cores for half an hour: one core-hour, 10.00 at this test's price. */
    private static final long ONE_CORE_HOUR_IN_NANOSECONDS = 3_600_000_000_000L;

    @Autowired
    DataSource dataSource;

    private Api api;
    private String account;

    @BeforeEach
    void accountChargedTenOfFifty() {
        api = api();
        String book = uniqueId("book");
        String cluster = uniqueId("cluster");
        String environment = uniqueId("env");
        account = uniqueId("acc");
        assertThat(api.post("/api/v1/price-books", """
                {"id":"%s","name":"Ten a core-hour","currency":"EUR"}""".formatted(book)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/price-books/" + book + "/versions", """
                {"effectiveFrom":"2026-01-01T00:00:00Z","rates":[{"meter":"cpu","unit":"core-hour","price":"10"}]}
                """).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/clusters", """
                {"id":"%s","name":"Research","apiUrl":"https://k8s.example:6443","credentialsRef":"external",
                 "maxAccounts":10,"scrapeIntervalSeconds":1800}""".formatted(cluster)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"a@example.com","name":"Adjusted","currency":"EUR","billingMode":"PREPAID",
                 "priceBookId":"%s"}""".formatted(account, book)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + account + "/cluster-assignment",
                "{\"clusterId\":\"" + cluster + "\"}").status()).isEqualTo(204);
        assertThat(api.post("/api/v1/environments", """
                {"id":"%s","accountId":"%s","clusterId":"%s","name":"Notebook","namespace":"research"}
                """.formatted(environment, account, cluster)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + account + "/credit-grants", """
                {"grantId":"bought","kind":"PURCHASE","amount":{"amount":"50.00","currency":"EUR"}}
                """).status()).isEqualTo(201);
        for (int half = 0; half <= 1; half++) {
            assertThat(api.post("/api/v1/clusters/" + cluster + "/scrapes", """
                    {"scrapeId":"s-%d","takenAt":"2026-01-05T10:%02d:00Z","pods":[{"namespace":"research",
                     "name":"notebook-0","uid":"pod-1","labels":{"tally.dev/account":"%s","tally.dev/environment":"%s"},
                     "startedAt":"2026-01-05T09:59:00Z","cpuUsageCoreNanoSeconds":%d,"memoryWorkingSetBytes":0,
                     "networkRxBytes":0,"networkTxBytes":0,"requests":{"cpuCores":"2","memoryBytes":0,"gpus":0},
                     "volumes":[]}]}""".formatted(half, half * 30, account, environment,
                    half * ONE_CORE_HOUR_IN_NANOSECONDS)).status()).isEqualTo(202);
        }
        awaitBalance("40.00");
    }

    private void awaitBalance(String amount) {
        eventually().until(() -> amount.equals(balance().path("balance").path("amount").asString()));
    }

    private JsonNode balance() {
        return api.get("/api/v1/accounts/" + account + "/balance").body();
    }

    private Api.Response post(String path, String body) {
        return api.post("/api/v1/accounts/" + account + path, body);
    }

    @Test
    void aReversalGivesChargedRevenueBackUpToWhatWasCharged() {
        Api.Response reversed = post("/charge-reversals", """
                {"reversalId":"r1","amount":{"amount":"4.00","currency":"EUR"},"reason":"noisy neighbour"}""");
        Api.Response tooMuch = post("/charge-reversals", """
                {"amount":{"amount":"6.01","currency":"EUR"},"reason":"more than is left"}""");

        assertThat(reversed.status()).isEqualTo(201);
        assertThat(reversed.body().path("id").asString()).isEqualTo("r1");
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.body().path("code").asString()).isEqualTo("CONFLICT");
        awaitBalance("44.00");
    }

    @Test
    void aRefundPaysBackWhatIsLeftOfAPurchaseAndNoMore() {
        Api.Response tooMuch = post("/refunds", """
                {"grantId":"bought","amount":{"amount":"40.01","currency":"EUR"},"reason":"leaving"}""");
        Api.Response refunded = post("/refunds", """
                {"grantId":"bought","amount":{"amount":"40.00","currency":"EUR"},"reason":"leaving"}""");

        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.body().path("detail").asString()).contains("40.00 left");
        assertThat(refunded.status()).isEqualTo(201);
        awaitBalance("0.00");
    }

    @Test
    void aThresholdAboveTheBalanceMarksItLow() {
        assertThat(balance().path("lowBalance").asBoolean()).isFalse();

        Api.Response set = post("/low-balance-threshold", "{\"amount\":{\"amount\":\"45.00\",\"currency\":\"EUR\"}}");

        assertThat(set.status()).isEqualTo(200);
        eventually().until(() -> balance().path("lowBalance").asBoolean());
    }

    @Test
    void badAdjustmentsAreRefusedWithTheirFieldsAndStoreNothing() {
        EventStoreRows events = new EventStoreRows(dataSource);
        long before = events.all();

        Api.Response refund = post("/refunds", "{\"amount\":{\"amount\":\"-1\",\"currency\":\"EUR\"}}");
        Api.Response reversal = post("/charge-reversals", "{\"reason\":\"\"}");
        Api.Response threshold = post("/low-balance-threshold", "{\"percentOfLastTopUp\":150}");

        assertThat(refund.status()).isEqualTo(400);
        assertThat(refund.fieldsAtFault())
                .containsExactlyInAnyOrder("grantId", "amount.amount", "reason");
        assertThat(reversal.status()).isEqualTo(400);
        assertThat(reversal.fieldsAtFault())
                .containsExactlyInAnyOrder("amount", "reason");
        assertThat(threshold.status()).isEqualTo(400);
        assertThat(threshold.fieldsAtFault())
                .containsExactly("percentOfLastTopUp");
        assertThat(events.all()).isEqualTo(before);
    }
}

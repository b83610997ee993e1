package dev.tally.app.rating;

import dev.tally.app.support.Amounts;
import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.MeteredAccount;
import dev.tally.app.support.Pod;
import dev.tally.app.support.PriceBooks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 004 end to end over HTTP: a month of one pod's usage, scraped once a day, is measured, rated with seed 004's
 * prices window by window, charged to a prepaid account's credits, and read back as 46.70 in the usage, the
 * balance and the ledger. Each of the 720 hourly windows is rated at 12 decimals (storage at 0.10 a GB-day is
 * 0.1/24 an hour), so the unrounded sum is a few 10^-10 above 46.70; shown in cents it is 46.70.
 */
class Seed004ChargingApiTest extends EngineTest {

    private static final Instant APRIL = Instant.parse("2026-04-01T00:00:00Z");
    private static final int DAYS = 30;

    @Test
    void aMonthOfSeed004UsageIsCharged46_70() {
        Api api = api();
        MeteredAccount account = MeteredAccount.open(api, "PREPAID", PriceBooks.seed004(api, APRIL), 86_400);
        assertThat(api.post("/api/v1/accounts/" + account.id() + "/credit-grants",
                "{\"kind\":\"PURCHASE\",\"amount\":" + money("100.00", "EUR") + "}").status()).isEqualTo(201);

        for (int day = 0; day <= DAYS; day++) {
            account.scrape("day-" + day, APRIL.plus(Duration.ofDays(day)), Pod.seed004Container(APRIL, day));
        }

        String april = "?from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z";
        eventually().until(() -> "46.70 EUR".equals(Amounts.of(account.get("/usage/summary" + april).body()
                .path("totalCost"))));
        JsonNode summary = account.get("/usage/summary" + april).body();
        assertThat(summary.path("cpuHours").asString()).isEqualTo("720");
        assertThat(summary.path("memoryGibHours").asString()).isEqualTo("1341.104507"); // 1440 GB-hours
        assertThat(summary.path("storageGibDays").asString()).isEqualTo("27.939677"); // 30 GB-days
        assertThat(summary.path("egressGb").asString()).isEqualTo("50");
        assertThat(costs(account.get("/usage" + april + "&granularity=month").body())).containsExactly(
                "cpu 720 core-hour 36.00 EUR",
                "egress 50 gb 0.50 EUR",
                "memory 1341.104507 gib-hour 7.20 EUR",
                "storage 27.939677 gib-day 3.00 EUR");

        eventually().until(() -> "46.70 EUR".equals(Amounts.of(account.get("/balance").body().path("totalUsed"))));
        JsonNode balance = account.get("/balance").body();
        assertThat(Amounts.of(balance.path("balance"))).isEqualTo("53.30 EUR");
        assertThat(Amounts.of(balance.path("totalGranted"))).isEqualTo("100.00 EUR");
        assertThat(Amounts.of(balance.path("uncollected"))).isEqualTo("0.00 EUR");
        assertThat(balance.path("lowBalance").asBoolean()).isFalse();

        // the purchase, then one charge per hour of April
        eventually().until(() -> account.get("/ledger?size=1").body().path("total").asInt() == 1 + DAYS * 24);
        JsonNode lastPage = account.get("/ledger?page=1&size=500").body().path("items");
        JsonNode lastCharge = lastPage.get(lastPage.size() - 1);
        assertThat(lastCharge.path("kind").asString()).isEqualTo("USAGE_CHARGE");
        assertThat(lastCharge.path("debit").asString()).isEqualTo("CUSTOMER_CREDIT");
        assertThat(lastCharge.path("credit").asString()).isEqualTo("REVENUE");
        assertThat(Amounts.of(lastCharge.path("balanceAfter"))).isEqualTo("53.30 EUR");
    }

    /** Each usage item as "meter quantity unit cost". */
    private static List<String> costs(JsonNode usage) {
        return usage.path("items").valueStream()
                .map(item -> item.path("meter").asString() + " " + item.path("quantity").asString() + " "
                        + item.path("unit").asString() + " " + Amounts.of(item.path("cost")))
                .toList();
    }
}

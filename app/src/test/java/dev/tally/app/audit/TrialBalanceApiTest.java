package dev.tally.app.audit;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trial balance sums every posting per ledger account and currency. This test owns the NOK postings of the
 * shared test database, so it can check their totals exactly.
 */
class TrialBalanceApiTest extends EngineTest {

    private Api api;

    @BeforeEach
    void setUp() {
        api = api();
    }

    @Test
    void purchasesGrantsAndRefundsBalanceToZero() {
        String account = uniqueId("acc");
        assertThat(api.post("/api/v1/accounts", """
                {"id":"%s","email":"t@example.com","name":"Trial","currency":"NOK","billingMode":"PREPAID"}"""
                .formatted(account)).status()).isEqualTo(201);
        String grants = "/api/v1/accounts/" + account + "/credit-grants";
        assertThat(api.post(grants, """
                {"grantId":"bought","kind":"PURCHASE","amount":{"amount":"100.00","currency":"NOK"}}""").status())
                .isEqualTo(201);
        assertThat(api.post(grants, """
                {"kind":"ADMIN","amount":{"amount":"10.00","currency":"NOK"}}""").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + account + "/refunds", """
                {"grantId":"bought","amount":{"amount":"30.00","currency":"NOK"},"reason":"changed plans"}""")
                .status()).isEqualTo(201);

        eventually().until(() -> nok().path("accounts").size() == 3);
        JsonNode nok = nok();

        assertThat(nok.path("balanced").asBoolean()).isTrue();
        assertThat(totals(nok, "CASH")).isEqualTo("100.00 30.00 70.00");
        assertThat(totals(nok, "GRANTS_EXPENSE")).isEqualTo("10.00 0.00 10.00");
        assertThat(totals(nok, "CUSTOMER_CREDIT")).isEqualTo("30.00 110.00 -80.00");
        assertThat(api.get("/api/v1/audit/trial-balance").body().path("balanced").asBoolean()).isTrue();
    }

    private JsonNode nok() {
        for (JsonNode currency : api.get("/api/v1/audit/trial-balance").body().path("currencies")) {
            if (currency.path("currency").asString().equals("NOK")) {
                return currency;
            }
        }
        return MissingNode.getInstance();
    }

    private static String totals(JsonNode currency, String ledgerAccount) {
        for (JsonNode account : currency.path("accounts")) {
            if (account.path("ledgerAccount").asString().equals(ledgerAccount)) {
                return account.path("debits").path("amount").asString() + " "
                        + account.path("credits").path("amount").asString() + " "
                        + account.path("balance").path("amount").asString();
            }
        }
        return "none";
    }
}

package dev.tally.app.credits;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins create voucher codes; accounts redeem them once each, for credits, while the code has room. */
class VoucherApiTest extends EngineTest {

    @Autowired
    DataSource dataSource;

    private Api api;

    @BeforeEach
    void setUp() {
        api = api();
    }

    private String voucher(int maxRedemptions) {
        String code = uniqueId("CODE");
        assertThat(api.post("/api/v1/vouchers", """
                {"code":"%s","amount":{"amount":"25.00","currency":"EUR"},"maxRedemptions":%d}"""
                .formatted(code, maxRedemptions)).status()).isEqualTo(201);
        return code;
    }

    private String account(String currency) {
        String id = uniqueId("acc");
        api.post("/api/v1/accounts", """
                {"id":"%s","email":"v@example.com","name":"Voucher","currency":"%s","billingMode":"PREPAID"}"""
                .formatted(id, currency));
        return id;
    }

    private Api.Response redeem(String account, String code) {
        return api.post("/api/v1/accounts/" + account + "/voucher-redemptions", "{\"code\":\"" + code + "\"}");
    }

    @Test
    void aRedemptionGrantsTheVouchersCredits() {
        String code = voucher(2);
        String account = account("EUR");

        Api.Response redeemed = redeem(account, code);

        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.body().path("amount").path("amount").asString()).isEqualTo("25.00");
        eventually().until(() -> "25.00".equals(api.get("/api/v1/accounts/" + account + "/balance").body()
                .path("balance").path("amount").asString()));
        eventually().until(() -> "GRANT_VOUCHER".equals(api.get("/api/v1/accounts/" + account + "/ledger").body()
                .path("items").path(0).path("kind").asString()));
    }

    @Test
    void aCodeIsRedeemedOncePerAccountAndUntilItIsSpent() {
        String code = voucher(2);
        String first = account("EUR");
        String second = account("EUR");
        String third = account("EUR");

        assertThat(redeem(first, code).status()).isEqualTo(201);
        Api.Response again = redeem(first, code);
        assertThat(redeem(second, code).status()).isEqualTo(201);
        Api.Response spent = redeem(third, code);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("code").asString()).isEqualTo("CONFLICT");
        assertThat(spent.status()).isEqualTo(409);
        assertThat(spent.body().path("detail").asString()).contains("spent");
    }

    @Test
    void anUnknownCodeIsNotFound() {
        String unknown = uniqueId("NOPE");

        Api.Response response = redeem(account("EUR"), unknown);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("detail").asString()).isEqualTo("not found: " + unknown);
    }

    @Test
    void aRedemptionTheLedgerRefusesUsesNothingUp() {
        String code = voucher(1);
        String dollars = account("USD");

        Api.Response refused = redeem(dollars, code);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("code").asString()).isEqualTo("VALIDATION_ERROR");
        assertThat(new EventStoreRows(dataSource).of(code + "/voucher", "VoucherRedeemed")).isZero();
        assertThat(redeem(account("EUR"), code).status()).isEqualTo(201);
    }
}

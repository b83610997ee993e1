package dev.tally.app;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.util.Map;

import static dev.tally.app.support.Api.money;
import static org.assertj.core.api.Assertions.assertThat;

class AccountsAndCreditsApiTest extends EngineTest {

    @Autowired
    DataSource dataSource;

    private Api api;
    private EventStoreRows events;

    @BeforeEach
    void setUp() {
        api = api();
        events = new EventStoreRows(dataSource);
    }

    private String openAccount(String billingMode) {
        String id = uniqueId("acc");
        Api.Response created = api.post("/api/v1/accounts", """
                {"id":"%s","email":"ops@%s.example","name":"Acme Research","currency":"EUR","billingMode":"%s"}
                """.formatted(id, id, billingMode));
        assertThat(created.status()).isEqualTo(201);
        return id;
    }

    private Api.Response grant(String accountId, String amount) {
        return api.post("/api/v1/accounts/" + accountId + "/credit-grants",
                "{\"kind\":\"ADMIN\",\"amount\":" + money(amount, "EUR") + "}");
    }

    private String balanceOf(String accountId) {
        return api.get("/api/v1/accounts/" + accountId + "/balance").body().path("balance").path("amount").asString();
    }

    @Test
    void grantedCreditsShowInBalanceAndLedger() {
        String id = uniqueId("acc");
        Api.Response created = api.post("/api/v1/accounts", """
                {"id":"%s","email":"ops@acme.example","name":"Acme","currency":"EUR","billingMode":"PREPAID"}
                """.formatted(id));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/accounts/" + id);
        assertThat(created.body().path("status").asString()).isEqualTo("ACTIVE");

        Api.Response granted = grant(id, "100.00");
        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.body().path("amount").path("amount").asString()).isEqualTo("100.00");

        eventually().until(() -> "100.00".equals(balanceOf(id)));
        var balance = api.get("/api/v1/accounts/" + id + "/balance").body();
        assertThat(balance.path("totalGranted").path("amount").asString()).isEqualTo("100.00");
        assertThat(balance.path("totalUsed").path("amount").asString()).isEqualTo("0.00");
        assertThat(balance.path("billingMode").asString()).isEqualTo("PREPAID");
        assertThat(balance.path("lowBalance").asBoolean()).isFalse();

        eventually().until(() -> api.get("/api/v1/accounts/" + id + "/ledger").body().path("total").asInt() == 1);
        var entry = api.get("/api/v1/accounts/" + id + "/ledger").body().path("items").get(0);
        assertThat(entry.path("kind").asString()).isEqualTo("GRANT_ADMIN");
        assertThat(entry.path("debit").asString()).isEqualTo("GRANTS_EXPENSE");
        assertThat(entry.path("credit").asString()).isEqualTo("CUSTOMER_CREDIT");
        assertThat(entry.path("balanceAfter").path("amount").asString()).isEqualTo("100.00");
        assertThat(entry.path("eventId").asString()).isNotBlank();

        eventually().until(() -> api.get("/api/v1/accounts/" + id).status() == 200);
        assertThat(api.get("/api/v1/accounts/" + id).body().path("email").asString()).isEqualTo("ops@acme.example");
    }

    @Test
    void badRequestsGetProblemsAndStoreNothing() {
        String id = openAccount("PREPAID");
        long before = events.all();

        Api.Response malformed = api.post("/api/v1/accounts/" + id + "/credit-grants", "{\"kind\":\"ADMIN\",");
        assertProblem(malformed, 400, "VALIDATION_ERROR");

        Api.Response negative = grant(id, "-5.00");
        assertProblem(negative, 400, "VALIDATION_ERROR");
        assertThat(negative.body().path("errors").get(0).path("field").asString()).isEqualTo("amount.amount");

        Api.Response unknownCurrency = api.post("/api/v1/accounts", """
                {"email":"x@y.example","name":"X","currency":"XYZ","billingMode":"PREPAID"}""");
        assertProblem(unknownCurrency, 400, "VALIDATION_ERROR");
        assertThat(unknownCurrency.body().path("errors").get(0).path("field").asString()).isEqualTo("currency");

        Api.Response unknownAccount = grant(uniqueId("missing"), "5.00");
        assertProblem(unknownAccount, 404, "NOT_FOUND");

        Api.Response wrongKey = api.withKey("tally_not-the-key")
                .post("/api/v1/accounts/" + id + "/credit-grants",
                        "{\"kind\":\"ADMIN\",\"amount\":" + money("5.00", "EUR") + "}");
        assertProblem(wrongKey, 401, "UNAUTHORIZED");
        assertProblem(api.withKey(null).get("/api/v1/accounts"), 401, "UNAUTHORIZED");

        assertThat(events.all()).isEqualTo(before);
    }

    @Test
    void validationReportsEveryBadField() {
        Api.Response response = api.post("/api/v1/accounts", """
                {"id":"no/slashes","email":"not-an-email","name":"","currency":"eur","billingMode":"PREPAID"}""");

        assertProblem(response, 400, "VALIDATION_ERROR");
        assertThat(response.body().path("errors").valueStream().map(error -> error.path("field").asString()))
                .containsExactlyInAnyOrder("id", "email", "name", "currency");
    }

    @Test
    void unknownFieldsAndEnumValuesAreRefused() {
        assertProblem(api.post("/api/v1/accounts", """
                {"email":"x@y.example","name":"X","currency":"EUR","billingMode":"PREPAID","plan":"gold"}"""),
                400, "VALIDATION_ERROR");
        Api.Response badEnum = api.post("/api/v1/accounts", """
                {"email":"x@y.example","name":"X","currency":"EUR","billingMode":"SOMETIMES"}""");
        assertProblem(badEnum, 400, "VALIDATION_ERROR");
        assertThat(badEnum.body().path("errors").get(0).path("field").asString()).isEqualTo("billingMode");
    }

    @Test
    void closedAccountTakesNoGrants() {
        String id = openAccount("PREPAID");

        assertThat(api.post("/api/v1/accounts/" + id + "/close", null).status()).isEqualTo(204);

        assertProblem(grant(id, "10.00"), 409, "CONFLICT");
        assertThat(events.of(id + "/credits", "CreditsGranted")).isZero();
        eventually().until(() -> "CLOSED".equals(api.get("/api/v1/accounts/" + id).body().path("status").asString()));
    }

    @Test
    void accountMovesThroughItsLifecycle() {
        String id = openAccount("PREPAID");

        assertThat(api.post("/api/v1/accounts/" + id + "/suspend", "{\"reason\":\"overdue\"}").status())
                .isEqualTo(204);
        eventually().until(() -> "SUSPENDED".equals(status(id)));
        assertThat(api.post("/api/v1/accounts/" + id + "/reinstate", null).status()).isEqualTo(204);
        eventually().until(() -> "ACTIVE".equals(status(id)));
        assertThat(api.post("/api/v1/accounts/" + id + "/billing-mode", "{\"billingMode\":\"POSTPAID\"}").status())
                .isEqualTo(204);
        eventually().until(() -> "POSTPAID".equals(
                api.get("/api/v1/accounts/" + id + "/balance").body().path("billingMode").asString()));
        eventually().until(() -> "POSTPAID".equals(api.get("/api/v1/accounts/" + id).body().path("billingMode")
                .asString()));
    }

    private String status(String id) {
        return api.get("/api/v1/accounts/" + id).body().path("status").asString();
    }

    @Test
    void anAccountIdIsTakenOnce() {
        String id = openAccount("PREPAID");

        Api.Response again = api.post("/api/v1/accounts", """
                {"id":"%s","email":"other@x.example","name":"Other","currency":"USD","billingMode":"POSTPAID"}
                """.formatted(id));

        assertProblem(again, 409, "CONFLICT");
        assertThat(events.of(id, "AccountOpened")).isOne();
    }

    @Test
    void idempotencyKeyGivesTheFirstResponseAndNoSecondEffect() {
        String body = "{\"email\":\"idem@x.example\",\"name\":\"Idem\",\"currency\":\"EUR\",\"billingMode\":\"PREPAID\"}";
        Map<String, String> key = Map.of("Idempotency-Key", uniqueId("key"));

        Api.Response first = api.post("/api/v1/accounts", body, key);
        Api.Response repeat = api.post("/api/v1/accounts", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        String id = first.body().path("id").asString();
        assertThat(repeat.body().path("id").asString()).isEqualTo(id);
        assertThat(events.of(id, "AccountOpened")).isOne();

        Api.Response otherBody = api.post("/api/v1/accounts", body.replace("Idem", "Other"), key);
        assertProblem(otherBody, 409, "CONFLICT");
    }

    @Test
    void aRepeatedGrantIdTakesEffectOnce() {
        String id = openAccount("PREPAID");
        String grant = "{\"grantId\":\"welcome\",\"kind\":\"PROMOTION\",\"amount\":" + money("25.00", "EUR") + "}";

        assertThat(api.post("/api/v1/accounts/" + id + "/credit-grants", grant).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + id + "/credit-grants", grant).status()).isEqualTo(201);
        assertProblem(api.post("/api/v1/accounts/" + id + "/credit-grants", grant.replace("25.00", "30.00")),
                409, "CONFLICT");

        assertThat(events.of(id + "/credits", "CreditsGranted")).isOne();
        eventually().until(() -> "25.00".equals(balanceOf(id)));
    }

    @Test
    void listsArePagedWithinLimits() {
        openAccount("PREPAID");
        openAccount("POSTPAID");

        eventually().until(() -> api.get("/api/v1/accounts?page=0&size=1").body().path("total").asInt() >= 2);
        var page = api.get("/api/v1/accounts?page=1&size=1").body();
        assertThat(page.path("items").size()).isOne();
        assertThat(page.path("page").asInt()).isOne();
        assertThat(page.path("size").asInt()).isOne();
        assertProblem(api.get("/api/v1/accounts?size=501"), 400, "VALIDATION_ERROR");
        assertProblem(api.get("/api/v1/accounts?page=abc"), 400, "VALIDATION_ERROR");
    }

    @Test
    void unknownRoutesAndAccountsAreNotFound() {
        assertProblem(api.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/accounts/" + uniqueId("missing")), 404, "NOT_FOUND");
        assertProblem(api.get("/api/v1/accounts/" + uniqueId("missing") + "/balance"), 404, "NOT_FOUND");
    }

    @Test
    void healthAnswersWithoutCredentials() {
        Api.Response health = api.withKey(null).get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
    }

    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response.raw().uri()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asString()).isEqualTo(code);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}

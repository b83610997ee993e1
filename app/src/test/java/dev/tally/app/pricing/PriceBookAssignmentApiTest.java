package dev.tally.app.pricing;

import dev.tally.app.support.Api;
import dev.tally.app.support.EngineTest;
import dev.tally.app.support.EventStoreRows;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** An account takes only a price book that exists and prices in its currency, on opening or later. */
class PriceBookAssignmentApiTest extends EngineTest {

    @Autowired
    DataSource dataSource;

    private Api api;
    private String euroBook;

    @BeforeEach
    void createEuroPriceBook() {
        api = api();
        euroBook = uniqueId("eur-book");
        assertThat(api.post("/api/v1/price-books",
                "{\"id\":\"" + euroBook + "\",\"name\":\"Euro\",\"currency\":\"EUR\"}").status()).isEqualTo(201);
    }

    private Api.Response open(String id, String currency, String priceBookId) {
        return api.post("/api/v1/accounts", """
                {"id":"%s","email":"p@example.com","name":"Priced","currency":"%s","billingMode":"PREPAID"%s}"""
                .formatted(id, currency, priceBookId == null ? "" : ",\"priceBookId\":\"" + priceBookId + "\""));
    }

    @Test
    void anAccountOpensWithAPriceBookInItsCurrency() {
        String account = uniqueId("acc");

        assertThat(open(account, "EUR", euroBook).status()).isEqualTo(201);

        eventually().until(() -> euroBook.equals(
                api.get("/api/v1/accounts/" + account).body().path("priceBookId").asString()));
    }

    @Test
    void anAccountCannotOpenWithAnUnknownBookOrOneInAnotherCurrency() {
        String dollars = uniqueId("acc");
        String unknown = uniqueId("acc");

        Api.Response otherCurrency = open(dollars, "USD", euroBook);
        Api.Response missing = open(unknown, "EUR", uniqueId("no-book"));

        assertThat(otherCurrency.status()).isEqualTo(409);
        assertThat(otherCurrency.body().path("code").asString()).isEqualTo("CONFLICT");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("code").asString()).isEqualTo("NOT_FOUND");
        EventStoreRows events = new EventStoreRows(dataSource);
        assertThat(events.of(dollars, "AccountOpened")).isZero();
        assertThat(events.of(unknown, "AccountOpened")).isZero();
    }

    @Test
    void aPriceBookIsAssignedLaterOnlyInTheAccountsCurrency() {
        String account = uniqueId("acc");
        String dollarBook = uniqueId("usd-book");
        api.post("/api/v1/price-books", "{\"id\":\"" + dollarBook + "\",\"name\":\"Dollar\",\"currency\":\"USD\"}");
        open(account, "EUR", null);

        Api.Response wrongCurrency = api.post("/api/v1/accounts/" + account + "/price-book",
                "{\"priceBookId\":\"" + dollarBook + "\"}");
        Api.Response assigned = api.post("/api/v1/accounts/" + account + "/price-book",
                "{\"priceBookId\":\"" + euroBook + "\"}");

        assertThat(wrongCurrency.status()).isEqualTo(409);
        assertThat(assigned.status()).isEqualTo(204);
        assertThat(new EventStoreRows(dataSource).of(account, "PriceBookAssigned")).isOne();
        eventually().until(() -> euroBook.equals(
                api.get("/api/v1/accounts/" + account).body().path("priceBookId").asString()));
    }
}

package dev.tally.integrations.stripe;

import dev.tally.api.FieldErrors;
import dev.tally.api.FieldErrors.FieldError;
import dev.tally.api.Money;
import dev.tally.api.MoneyRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditPurchaseRequestTest {

    static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void anAmountInTheAccountsCurrencyIsBought() {
        assertThat(request("100.00", "EUR").validIn(EUR)).isEqualTo(Money.of("100", "EUR"));
        assertThat(request("999999.99", "EUR").validIn(EUR)).isEqualTo(Money.of("999999.99", "EUR"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            0        | EUR  | amount.amount   | must be positive
            -5       | EUR  | amount.amount   | must be positive
            1e3      | EUR  | amount.amount   | must be a decimal string such as "100.00"
            null     | EUR  | amount.amount   | must be a decimal string such as "100.00"
            10.005   | EUR  | amount.amount   | has more decimals than EUR allows (2)
            1000000  | EUR  | amount.amount   | must be at most 999999.99, the most Stripe takes in one payment
            10.00    | USD  | amount.currency | must be the account's currency, EUR
            10.00    | null | amount.currency | must be an ISO 4217 currency code such as "EUR"
            """)
    void anythingElseIsAValidationError(String amount, String currency, String field, String message) {
        assertThatThrownBy(() -> request(amount, currency).validIn(EUR))
                .isInstanceOfSatisfying(FieldErrors.Invalid.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError(field, message)));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> request("0.001", "USD").validIn(EUR))
                .isInstanceOfSatisfying(FieldErrors.Invalid.class, e -> assertThat(e.errors()).extracting(
                        FieldError::field).containsExactly("amount.amount", "amount.currency"));
    }

    @Test
    void anAmountIsRequired() {
        assertThatThrownBy(() -> new CreditPurchaseRequest(null).validIn(EUR))
                .isInstanceOfSatisfying(FieldErrors.Invalid.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("amount", "is required: {\"amount\": \"100.00\", \"currency\": \"EUR\"}")));
    }

    private static CreditPurchaseRequest request(String amount, String currency) {
        return new CreditPurchaseRequest(new MoneyRequest(amount, currency));
    }
}

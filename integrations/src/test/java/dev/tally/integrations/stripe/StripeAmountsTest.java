package dev.tally.integrations.stripe;

import dev.tally.api.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class StripeAmountsTest {

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({
            "10000, eur, 100.00, EUR",
            "1, usd, 0.01, USD",
            "5000, jpy, 5000, JPY",
            "12340, bhd, 12.340, BHD",
            "500, isk, 5, ISK",
            "0, eur, 0, EUR"})
    void minorUnitsAreExactMoneyInTheCurrencyAndBack(long minorUnits, String stripeCurrency, String amount,
                                                      String currency) {
        assertThat(StripeAmounts.money(minorUnits, stripeCurrency)).isEqualTo(Money.of(amount, currency));
        assertThat(StripeAmounts.minorUnits(Money.of(amount, currency))).isEqualTo(minorUnits);
    }
}

package dev.tally.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Currency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTest {

    private static final Money TEN_EUR = Money.of("10.50", "EUR");
    private static final Money TEN_USD = Money.of("10.50", "USD");

    @Test
    void plusAddsAtFullPrecision() {
        assertThat(TEN_EUR.plus(Money.of("0.000000000125", "EUR"))).isEqualTo(Money.of("10.500000000125", "EUR"));
    }

    @Test
    void minusSubtractsAtFullPrecision() {
        assertThat(TEN_EUR.minus(Money.of("10.755", "EUR"))).isEqualTo(Money.of("-0.255", "EUR"));
    }

    @Test
    void currencyMismatchIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TEN_EUR.plus(TEN_USD));
        assertThatIllegalArgumentException().isThrownBy(() -> TEN_EUR.minus(TEN_USD));
        assertThatIllegalArgumentException().isThrownBy(() -> TEN_EUR.compareTo(TEN_USD));
    }

    @Test
    void equalityIgnoresTrailingZeros() {
        assertThat(Money.of("100.00", "EUR"))
                .isEqualTo(Money.of("100", "EUR"))
                .isEqualTo(Money.of("1E+2", "EUR"))
                .hasSameHashCodeAs(Money.of("100", "EUR"))
                .isNotEqualTo(Money.of("100", "USD"));
    }

    @Test
    void signOfAmount() {
        assertThat(Money.zero(Currency.getInstance("EUR")).isPositive()).isFalse();
        assertThat(Money.of("0.00", "EUR").isPositive()).isFalse();
        assertThat(Money.of("0.01", "EUR").isPositive()).isTrue();
        assertThat(Money.of("-0.01", "EUR").isPositive()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "100,     EUR, 100.00",
            "2.345,   EUR, 2.34",
            "2.355,   EUR, 2.36",
            "-2.345,  EUR, -2.34",
            "1234.5,  JPY, 1234",
            "1235.5,  JPY, 1236",
            "1,       BHD, 1.000",
            "1.2345,  BHD, 1.234",
            "1.2355,  BHD, 1.236",
    })
    void displayRoundsHalfEvenToMinorUnit(String amount, String currency, String shown) {
        assertThat(Money.of(amount, currency).display()).isEqualTo(shown);
    }

    @Test
    void toStringShowsFullPrecisionAndCurrency() {
        assertThat(Money.of("1.2345", "EUR")).hasToString("1.2345 EUR");
    }
}

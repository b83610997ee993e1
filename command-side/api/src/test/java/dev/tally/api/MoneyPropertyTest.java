package dev.tally.api;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money's arithmetic over many random amounts at ledger precision (12 decimals). Each repetition draws from its own
 * seed, named in the failure message, so a failing case can be replayed exactly.
 */
class MoneyPropertyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final long BASE_SEED = 0x7a11L;

    @RepeatedTest(500)
    void summingWithPlusEqualsTheBigDecimalSum(RepetitionInfo repetition) {
        Random random = new Random(BASE_SEED + repetition.getCurrentRepetition());
        List<BigDecimal> amounts = IntStream.range(0, random.nextInt(50)).mapToObj(i -> amount(random)).toList();

        Money total = amounts.stream().map(amount -> new Money(amount, EUR)).reduce(Money.zero(EUR), Money::plus);

        assertThat(total).as("seed %d", BASE_SEED + repetition.getCurrentRepetition())
                .isEqualTo(new Money(amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add), EUR));
    }

    @RepeatedTest(500)
    void minusUndoesPlus(RepetitionInfo repetition) {
        Random random = new Random(BASE_SEED * 31 + repetition.getCurrentRepetition());
        Money x = new Money(amount(random), EUR);
        Money y = new Money(amount(random), EUR);

        assertThat(x.plus(y).minus(y)).as("%s and %s", x, y).isEqualTo(x);
    }

    /** Up to about ±1.18 billion (2^70 units of 10^-12), with 12 decimals. */
    private static BigDecimal amount(Random random) {
        BigDecimal magnitude = new BigDecimal(new BigInteger(70, random), 12);
        return random.nextBoolean() ? magnitude : magnitude.negate();
    }
}

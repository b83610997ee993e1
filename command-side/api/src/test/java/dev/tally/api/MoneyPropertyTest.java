package dev.tally.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyPropertyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Property
    void summingWithPlusEqualsTheBigDecimalSum(
            @ForAll List<@BigRange(min = "-1000000000", max = "1000000000") @Scale(12) BigDecimal> amounts) {
        Money total = amounts.stream().map(amount -> new Money(amount, EUR)).reduce(Money.zero(EUR), Money::plus);

        assertThat(total).isEqualTo(new Money(amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add), EUR));
    }

    @Property
    void minusUndoesPlus(@ForAll @Scale(12) BigDecimal a, @ForAll @Scale(12) BigDecimal b) {
        Money x = new Money(a, EUR);
        Money y = new Money(b, EUR);

        assertThat(x.plus(y).minus(y)).isEqualTo(x);
    }
}

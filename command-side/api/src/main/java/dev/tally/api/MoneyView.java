package dev.tally.api;

import java.math.BigDecimal;
import java.util.Currency;

/** Money as the HTTP API writes it: {@code {"amount": "100.00", "currency": "EUR"}}, rounded to the minor unit. */
public record MoneyView(String amount, String currency) {

    public static MoneyView of(Money money) {
        return new MoneyView(money.display(), money.currency().getCurrencyCode());
    }

    /** An amount at full precision (a read model's NUMERIC) as the API shows it; null stays null. */
    public static MoneyView of(BigDecimal amount, Currency currency) {
        return amount == null ? null : of(new Money(amount, currency));
    }
}

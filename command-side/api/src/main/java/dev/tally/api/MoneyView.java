package dev.tally.api;

/** Money as the HTTP API writes it: {@code {"amount": "100.00", "currency": "EUR"}}, rounded to the minor unit. */
public record MoneyView(String amount, String currency) {

    public static MoneyView of(Money money) {
        return new MoneyView(money.display(), money.currency().getCurrencyCode());
    }
}

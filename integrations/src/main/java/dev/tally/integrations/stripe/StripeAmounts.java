package dev.tally.integrations.stripe;

import dev.tally.api.Money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe's amounts are integers in the currency's minor unit, the one place Tally meets integer minor units. Stripe's
 * minor unit is ISO 4217's, except for currencies Stripe keeps at two decimals for backwards compatibility.
 */
public final class StripeAmounts {

    /** Zero-decimal in ISO 4217, two-decimal in Stripe's API (its currencies page, "special cases"): 5 ISK is 500. */
    private static final Set<String> TWO_DECIMALS_IN_STRIPE = Set.of("ISK");

    private StripeAmounts() {
    }

    /** {@code minorUnits} of Stripe's lower-case {@code currency} as Money: exact, never through a double. */
    public static Money money(long minorUnits, String currency) {
        Currency iso = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        return new Money(BigDecimal.valueOf(minorUnits).movePointLeft(stripeDigits(iso)), iso);
    }

    /** {@code money} in Stripe's minor units: 100.00 EUR is 10000, 500 JPY is 500, 5 ISK is 500. */
    public static long minorUnits(Money money) {
        return money.amount().movePointRight(stripeDigits(money.currency())).longValueExact();
    }

    static int stripeDigits(Currency currency) {
        return TWO_DECIMALS_IN_STRIPE.contains(currency.getCurrencyCode()) ? 2
                : Math.max(currency.getDefaultFractionDigits(), 0);
    }
}

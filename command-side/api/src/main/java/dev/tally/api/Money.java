package dev.tally.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one currency, at full precision. Amounts are rounded to the currency's minor unit only where money is
 * shown to people or leaves the ledger ({@link #rounded(RoundingMode)}); never a floating-point number.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /** The currency's minor-unit digits (2 for EUR, 0 for JPY, 3 for BHD). */
    public int minorUnitDigits() {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }

    /** Rounded once, to the currency's minor unit: for people, invoice lines and payment providers. */
    public BigDecimal rounded(RoundingMode mode) {
        return amount.setScale(minorUnitDigits(), mode);
    }

    /** The amount as API.md writes it: a decimal string in the currency's minor unit, rounded half-even. */
    public String display() {
        return rounded(RoundingMode.HALF_EVEN).toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}

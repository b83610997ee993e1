package dev.tally.api;


import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/** Money as a client sends it: {@code {"amount": "100.00", "currency": "EUR"}}; the amount a decimal string. */
public record MoneyRequest(String amount, String currency) {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,18}(\\.\\d{1,12})?");

    /** Checks the fields (reported under {@code field}) and returns the money, or null when they are invalid. */
    public Money toPositiveMoney(String field, FieldErrors errors) {
        Currency parsedCurrency = currency(field, errors);
        if (amount == null || !DECIMAL.matcher(amount).matches()) {
            errors.add(field + ".amount", "must be a decimal string such as \"100.00\"");
            return null;
        }
        BigDecimal value = new BigDecimal(amount);
        errors.check(value.signum() > 0, field + ".amount", "must be positive");
        if (parsedCurrency == null || value.signum() <= 0) {
            return null;
        }
        Money money = new Money(value, parsedCurrency);
        errors.check(money.amount().scale() <= money.minorUnitDigits(), field + ".amount",
                "has more decimals than " + parsedCurrency.getCurrencyCode() + " allows ("
                        + money.minorUnitDigits() + ")");
        return money;
    }

    private Currency currency(String field, FieldErrors errors) {
        Currency parsed = CurrencyCodes.parse(currency);
        errors.check(parsed != null, field + ".currency", "must be an ISO 4217 currency code such as \"EUR\"");
        return parsed;
    }
}

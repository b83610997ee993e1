package dev.tally.integrations.stripe;

import dev.tally.api.FieldErrors;
import dev.tally.api.Money;
import dev.tally.api.MoneyRequest;

import java.math.BigDecimal;
import java.util.Currency;

/** POST /accounts/{id}/credit-purchases: {@code {"amount": {"amount": "100.00", "currency": "EUR"}}}. */
public record CreditPurchaseRequest(MoneyRequest amount) {

    /** Stripe's largest amount for one payment, in minor units (eight digits). */
    static final long MAX_MINOR_UNITS = 99_999_999L;

    /** The amount to buy, in the account's currency; every problem with it is one VALIDATION_ERROR. */
    Money validIn(Currency accountCurrency) {
        FieldErrors errors = new FieldErrors().check(amount != null, "amount",
                "is required: {\"amount\": \"100.00\", \"currency\": \"" + accountCurrency + "\"}");
        Money money = amount == null ? null : amount.toPositiveMoney("amount", errors);
        errors.check(money == null || money.currency().equals(accountCurrency), "amount.currency",
                "must be the account's currency, " + accountCurrency);
        if (money != null && money.currency().equals(accountCurrency)) {
            Money largest = new Money(BigDecimal.valueOf(MAX_MINOR_UNITS, money.minorUnitDigits()), accountCurrency);
            errors.check(money.compareTo(largest) <= 0, "amount.amount",
                    "must be at most " + largest.display() + ", the most Stripe takes in one payment");
        }
        errors.throwIfAny();
        return money;
    }
}

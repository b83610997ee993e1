package dev.tally.app.config;

import dev.tally.api.Money;
import dev.tally.api.credits.CreditPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Rules of prepaid ledgers (tally.credits.*): how far below zero a prepaid balance may go, in the account's
 * currency (TALLY_CREDITS_PREPAID_ALLOWANCE; default 0). Usage past it is recorded as uncollected debt.
 */
@ConfigurationProperties("tally.credits")
public record CreditProperties(BigDecimal prepaidAllowance) implements CreditPolicy {

    public CreditProperties {
        prepaidAllowance = prepaidAllowance == null ? BigDecimal.ZERO : prepaidAllowance;
        if (prepaidAllowance.signum() < 0) {
            throw new IllegalArgumentException("tally.credits.prepaid-allowance must be 0 or more");
        }
    }

    @Override
    public Money prepaidAllowance(Currency currency) {
        return new Money(prepaidAllowance, currency);
    }
}

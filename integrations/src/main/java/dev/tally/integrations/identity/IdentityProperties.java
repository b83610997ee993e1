package dev.tally.integrations.identity;

import dev.tally.api.CurrencyCodes;
import dev.tally.api.Ids;
import dev.tally.api.account.BillingMode;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Currency;
import java.util.Locale;

/**
 * The identity provider's webhook (tally.identity.*, from TALLY_IDENTITY_WEBHOOK_SECRET and
 * TALLY_IDENTITY_DEFAULT_CURRENCY, _BILLING_MODE and _PRICE_BOOK): the secret its calls are signed with, and what an
 * account it opens starts with. Without a secret the webhook answers INTEGRATION_DISABLED.
 */
@ConfigurationProperties("tally.identity")
public record IdentityProperties(String webhookSecret, String defaultCurrency, String defaultBillingMode,
                                 String defaultPriceBook) {

    public IdentityProperties {
        webhookSecret = blankToNull(webhookSecret);
        defaultCurrency = blankToNull(defaultCurrency) == null ? "EUR" : defaultCurrency.trim().toUpperCase(Locale.ROOT);
        defaultBillingMode = blankToNull(defaultBillingMode) == null
                ? BillingMode.PREPAID.name() : defaultBillingMode.trim().toUpperCase(Locale.ROOT);
        defaultPriceBook = blankToNull(defaultPriceBook);
        if (CurrencyCodes.parse(defaultCurrency) == null) {
            throw new IllegalArgumentException("TALLY_IDENTITY_DEFAULT_CURRENCY must be an ISO 4217 code such as EUR, "
                    + "not " + defaultCurrency);
        }
        if (!defaultBillingMode.equals(BillingMode.PREPAID.name())
                && !defaultBillingMode.equals(BillingMode.POSTPAID.name())) {
            throw new IllegalArgumentException("TALLY_IDENTITY_DEFAULT_BILLING_MODE must be PREPAID or POSTPAID, not "
                    + defaultBillingMode);
        }
        if (defaultPriceBook != null && !Ids.isValid(defaultPriceBook)) {
            throw new IllegalArgumentException("TALLY_IDENTITY_DEFAULT_PRICE_BOOK " + Ids.RULE);
        }
    }

    public Currency currency() {
        return CurrencyCodes.parse(defaultCurrency);
    }

    public BillingMode billingMode() {
        return BillingMode.valueOf(defaultBillingMode);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package dev.tally.api;

import java.util.Currency;

/** ISO 4217 codes, strictly: three upper-case letters that name a currency. */
public final class CurrencyCodes {

    private CurrencyCodes() {
    }

    /** The currency, or null when {@code code} is not an ISO 4217 code. */
    public static Currency parse(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}

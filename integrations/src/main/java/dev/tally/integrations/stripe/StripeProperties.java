package dev.tally.integrations.stripe;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Stripe settings (tally.stripe.*, from STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET and TALLY_STRIPE_API_BASE). Without an
 * API key the Stripe integration is disabled: credit purchases answer a problem, and everything else works.
 */
@ConfigurationProperties("tally.stripe")
public record StripeProperties(String apiKey, String webhookSecret, String apiBase, String successUrl,
                               String cancelUrl) {

    public StripeProperties {
        apiKey = blankToNull(apiKey);
        webhookSecret = blankToNull(webhookSecret);
        apiBase = blankToNull(apiBase) == null ? "https://api.stripe.com" : apiBase;
        successUrl = blankToNull(successUrl) == null ? "http://localhost:8080/credits/purchased" : successUrl;
        cancelUrl = blankToNull(cancelUrl) == null ? "http://localhost:8080/credits/cancelled" : cancelUrl;
    }

    public boolean enabled() {
        return apiKey != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

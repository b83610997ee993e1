package dev.tally.integrations.stripe;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long a call to Stripe may take (tally.stripe.http.*). Bounded, so a Stripe that hangs fails a purchase with a
 * problem and an invoice push with a retry, rather than holding a request thread or a scheduler thread.
 */
@ConfigurationProperties("tally.stripe.http")
public record StripeHttpProperties(Duration connectTimeout, Duration readTimeout) {

    public StripeHttpProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
    }
}

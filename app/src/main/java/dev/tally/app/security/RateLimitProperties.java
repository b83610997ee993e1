package dev.tally.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rate limits (tally.rate-limit.*): requests a minute per authenticated caller, an API key or a user
 * (TALLY_RATE_LIMIT_PER_MINUTE; default 600), and per client IP for calls without credentials
 * (TALLY_RATE_LIMIT_ANONYMOUS_PER_MINUTE; default 60); TALLY_RATE_LIMIT_ENABLED=false turns them off.
 */
@ConfigurationProperties("tally.rate-limit")
public record RateLimitProperties(Boolean enabled, Integer requestsPerMinute, Integer anonymousRequestsPerMinute) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        requestsPerMinute = requestsPerMinute == null ? 600 : requestsPerMinute;
        anonymousRequestsPerMinute = anonymousRequestsPerMinute == null ? 60 : anonymousRequestsPerMinute;
        if (requestsPerMinute < 1 || anonymousRequestsPerMinute < 1) {
            throw new IllegalArgumentException("tally.rate-limit.requests-per-minute and "
                    + "tally.rate-limit.anonymous-requests-per-minute must be 1 or more");
        }
    }
}

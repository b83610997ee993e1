package dev.tally.api;

/** The stable {@code code} of an API problem (API.md, Conventions). The web layer maps each to an HTTP status. */
public enum ErrorCode {
    VALIDATION_ERROR,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    SCRAPE_OUT_OF_ORDER,
    INSUFFICIENT_CREDITS,
    RATE_LIMITED,
    METHOD_NOT_ALLOWED,
    UNSUPPORTED_MEDIA_TYPE,
    PAYLOAD_TOO_LARGE,
    UNAVAILABLE,
    /** An integration the request needs (Stripe) is not configured on this engine. */
    INTEGRATION_DISABLED,
    /** The payment provider (Stripe) refused the request or could not be reached. */
    PAYMENT_PROVIDER_ERROR,
    INTERNAL_ERROR
}

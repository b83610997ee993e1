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
    INTERNAL_ERROR
}

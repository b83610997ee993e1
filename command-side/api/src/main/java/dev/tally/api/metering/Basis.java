package dev.tally.api.metering;

import java.math.BigDecimal;

/** What is billed for a meter: what the pods used, what they requested, or the larger of the two. */
public enum Basis {
    USAGE,
    REQUEST,
    MAX;

    /**
     * The basis that can be billed when {@code request} is what was requested: a request that was never set (egress
     * has none; a best-effort pod none at all) cannot be billed, so the usage is, and the event says so.
     */
    public Basis given(BigDecimal request) {
        return this == REQUEST && request == null ? USAGE : this;
    }

    /** The quantity this basis bills (null when neither side was measured). */
    public BigDecimal billed(BigDecimal usage, BigDecimal request) {
        return switch (given(request)) {
            case USAGE -> usage;
            case REQUEST -> request;
            case MAX -> usage == null ? request : request == null ? usage : usage.max(request);
        };
    }
}

package dev.tally.api.metering;

/** How gauges are treated across a gap in the scrapes: not at all (the default), or the last value held. */
public enum GapFillPolicy {
    NONE,
    CARRY_FORWARD
}

package dev.tally.api.metering;

/** What is billed for a meter: what the pods used, what they requested, or the larger of the two. */
public enum Basis {
    USAGE,
    REQUEST,
    MAX
}

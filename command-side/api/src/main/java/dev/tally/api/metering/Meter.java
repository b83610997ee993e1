package dev.tally.api.metering;

/** What is metered, each in one exact base unit. */
public enum Meter {
    /** CPU time in core-seconds. */
    CPU("core-second"),
    /** Memory over time in GiB-seconds. */
    MEMORY("gib-second"),
    /** Allocated GPUs over time in GPU-seconds. */
    GPU("gpu-second"),
    /** Persistent-volume capacity over time in GiB-seconds. */
    STORAGE("gib-second"),
    /** Network egress in bytes. */
    EGRESS("byte");

    private final String baseUnit;

    Meter(String baseUnit) {
        this.baseUnit = baseUnit;
    }

    public String baseUnit() {
        return baseUnit;
    }

    /** Cumulative counters bill their exact delta, even across a gap; gauges are time-weighted between samples. */
    public boolean isCounter() {
        return this == CPU || this == EGRESS;
    }
}

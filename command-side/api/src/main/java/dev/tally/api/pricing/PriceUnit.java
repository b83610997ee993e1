package dev.tally.api.pricing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.tally.api.metering.Meter;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The units prices are quoted in (API.md, Prices), each an exact number of its meter's base units. GB is 10^9
 * bytes and GiB 2^30; a month is 30 days. So 1 GB-hour of memory is 10^9 x 3600 / 2^30 GiB-seconds, exactly
 * 3352.76126861572265625.
 */
public enum PriceUnit {
    CORE_HOUR("core-hour", Meter.CPU, new BigDecimal(3_600)),
    GIB_HOUR("gib-hour", Meter.MEMORY, new BigDecimal(3_600)),
    GB_HOUR("gb-hour", Meter.MEMORY, gigabytesInGib().multiply(new BigDecimal(3_600))),
    GPU_HOUR("gpu-hour", Meter.GPU, new BigDecimal(3_600)),
    GIB_DAY("gib-day", Meter.STORAGE, new BigDecimal(86_400)),
    GB_DAY("gb-day", Meter.STORAGE, gigabytesInGib().multiply(new BigDecimal(86_400))),
    GIB_MONTH("gib-month", Meter.STORAGE, new BigDecimal(2_592_000)),
    GB("gb", Meter.EGRESS, new BigDecimal(1_000_000_000)),
    GIB("gib", Meter.EGRESS, new BigDecimal(1L << 30));

    private final String wireName;
    private final Meter meter;
    private final BigDecimal baseUnits;

    PriceUnit(String wireName, Meter meter, BigDecimal baseUnits) {
        this.wireName = wireName;
        this.meter = meter;
        this.baseUnits = baseUnits;
    }

    /** 10^9 / 2^30: a gigabyte in gibibytes, exactly (0.931322574615478515625). */
    private static BigDecimal gigabytesInGib() {
        return new BigDecimal(1_000_000_000).divide(new BigDecimal(1L << 30));
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public Meter meter() {
        return meter;
    }

    /** How many of the meter's base units one of this unit is. */
    public BigDecimal baseUnits() {
        return baseUnits;
    }

    /** The unit named {@code wireName} (as API.md writes it), or null. */
    @JsonCreator
    public static PriceUnit fromWireName(String wireName) {
        return Arrays.stream(values()).filter(unit -> unit.wireName.equals(wireName)).findFirst().orElse(null);
    }
}

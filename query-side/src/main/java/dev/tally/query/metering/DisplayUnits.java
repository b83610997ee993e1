package dev.tally.query.metering;

import dev.tally.api.metering.Meter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The one conversion from a meter's base unit to the unit people read and prices are quoted in (API.md, Prices):
 * core-hours, GiB-hours, GPU-hours, GiB-days and gigabytes, as decimal strings rounded half-even to 6 decimals.
 */
public final class DisplayUnits {

    public static final int SCALE = 6;

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000);

    private DisplayUnits() {
    }

    /** The meter as the API names it: {@code cpu}, {@code memory}, ... */
    public static String meter(Meter meter) {
        return meter.name().toLowerCase(Locale.ROOT);
    }

    public static String unit(Meter meter) {
        return switch (meter) {
            case CPU -> "core-hour";
            case MEMORY -> "gib-hour";
            case GPU -> "gpu-hour";
            case STORAGE -> "gib-day";
            case EGRESS -> "gb";
        };
    }

    /** A quantity in the meter's base unit (null: none) in its display unit, e.g. 5400 core-seconds as "1.5". */
    public static String quantity(Meter meter, BigDecimal baseQuantity) {
        if (baseQuantity == null) {
            return "0";
        }
        return baseQuantity.divide(basePerUnit(meter), SCALE, RoundingMode.HALF_EVEN)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static BigDecimal basePerUnit(Meter meter) {
        return switch (meter) {
            case CPU, MEMORY, GPU -> SECONDS_PER_HOUR;
            case STORAGE -> SECONDS_PER_DAY;
            case EGRESS -> BYTES_PER_GB;
        };
    }
}

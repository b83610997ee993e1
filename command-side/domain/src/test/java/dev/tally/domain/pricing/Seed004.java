package dev.tally.domain.pricing;

import dev.tally.api.metering.Basis;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.api.pricing.Rate;

import java.math.BigDecimal;
import java.util.List;

/** Seed 004: the standard price book's rates, and a month of one environment's usage that costs exactly 46.70. */
public final class Seed004 {

    public static final Rate CPU = rate(Meter.CPU, PriceUnit.CORE_HOUR, "0.05");
    public static final Rate MEMORY = rate(Meter.MEMORY, PriceUnit.GB_HOUR, "0.005");
    public static final Rate STORAGE = rate(Meter.STORAGE, PriceUnit.GB_DAY, "0.10");
    public static final Rate EGRESS = rate(Meter.EGRESS, PriceUnit.GB, "0.01");
    public static final List<Rate> RATES = List.of(CPU, MEMORY, STORAGE, EGRESS);

    private static final BigDecimal GIB = new BigDecimal(1L << 30);

    /** 720 core-hours, in core-seconds: 36.00 at 0.05. */
    public static final MeteredQuantity CPU_USED = used(Meter.CPU, new BigDecimal(2_592_000));
    /** 1,440 GB-hours, in GiB-seconds (a GB-hour is exactly 3352.76126861572265625 of them): 7.20 at 0.005. */
    public static final MeteredQuantity MEMORY_USED =
            used(Meter.MEMORY, new BigDecimal(1_440).multiply(new BigDecimal("3352.76126861572265625")));
    /** 30 GB-days, in GiB-seconds (30 x 86,400 x 10^9 / 2^30, exactly): 3.00 at 0.10. */
    public static final MeteredQuantity STORAGE_USED =
            used(Meter.STORAGE, new BigDecimal(30L * 86_400 * 1_000_000_000L).divide(GIB));
    /** 50 GB in bytes: 0.50 at 0.01. */
    public static final MeteredQuantity EGRESS_USED = used(Meter.EGRESS, new BigDecimal(50_000_000_000L));
    public static final List<MeteredQuantity> USAGE = List.of(CPU_USED, MEMORY_USED, STORAGE_USED, EGRESS_USED);
    public static final BigDecimal COST = new BigDecimal("46.70");

    private Seed004() {
    }

    public static Rate rate(Meter meter, PriceUnit unit, String price) {
        return new Rate(meter, unit, new BigDecimal(price), null);
    }

    /** A quantity billed on usage, with no request. */
    public static MeteredQuantity used(Meter meter, BigDecimal quantity) {
        return new MeteredQuantity(meter, Basis.USAGE, quantity, null, quantity);
    }

    /** CPU time that costs exactly {@code amount} at seed 004's 0.05 per core-hour: 72,000 core-seconds a unit. */
    public static MeteredQuantity cpuCosting(BigDecimal amount) {
        return used(Meter.CPU, amount.multiply(new BigDecimal(72_000)));
    }
}

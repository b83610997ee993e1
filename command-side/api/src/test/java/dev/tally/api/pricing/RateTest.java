package dev.tally.api.pricing;

import dev.tally.api.metering.Meter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;

class RateTest {

    private static final BigDecimal GIB = new BigDecimal(1L << 30);

    /** Seed 004's container: its usage at its rates, each line rounded once, costs 46.70. */
    @Test
    void seed004sUsageAtSeed004sRatesCosts4670() {
        BigDecimal cpu = new Rate(Meter.CPU, PriceUnit.CORE_HOUR, new BigDecimal("0.05"), null)
                .amountFor(hours(720));
        BigDecimal memory = new Rate(Meter.MEMORY, PriceUnit.GB_HOUR, new BigDecimal("0.005"), null)
                .amountFor(gigabytes(1440).multiply(hours(1)).divide(GIB));
        BigDecimal storage = new Rate(Meter.STORAGE, PriceUnit.GB_DAY, new BigDecimal("0.10"), null)
                .amountFor(gigabytes(30).multiply(days(1)).divide(GIB));
        BigDecimal egress = new Rate(Meter.EGRESS, PriceUnit.GB, new BigDecimal("0.01"), null)
                .amountFor(gigabytes(50));

        assertThat(rounded(cpu)).isEqualTo("36.00");
        assertThat(rounded(memory)).isEqualTo("7.20");
        assertThat(rounded(storage)).isEqualTo("3.00");
        assertThat(rounded(egress)).isEqualTo("0.50");
        assertThat(rounded(cpu.add(memory).add(storage).add(egress))).isEqualTo("46.70");
    }

    @Test
    void amountsAreCarriedAtTwelveDecimalsUnrounded() {
        // 1 core-second at 0.05 per core-hour: 0.05 / 3600 = 0.0000138888...
        BigDecimal amount = new Rate(Meter.CPU, PriceUnit.CORE_HOUR, new BigDecimal("0.05"), null)
                .amountFor(BigDecimal.ONE);

        assertThat(amount).isEqualTo("0.000013888889");
        assertThat(amount.scale()).isEqualTo(Rate.AMOUNT_SCALE);
    }

    @ParameterizedTest
    @CsvSource({
            "core-hour, CPU,     3600",
            "gib-hour,  MEMORY,  3600",
            "gb-hour,   MEMORY,  3352.76126861572265625",
            "gpu-hour,  GPU,     3600",
            "gib-day,   STORAGE, 86400",
            "gb-day,    STORAGE, 80466.27044677734375",
            "gib-month, STORAGE, 2592000",
            "gb,        EGRESS,  1000000000",
            "gib,       EGRESS,  1073741824"})
    void priceUnitsAreExactNumbersOfTheirMetersBaseUnits(String wireName, Meter meter, BigDecimal baseUnits) {
        PriceUnit unit = PriceUnit.fromWireName(wireName);

        assertThat(unit.meter()).isEqualTo(meter);
        assertThat(unit.baseUnits()).isEqualByComparingTo(baseUnits);
    }

    @Test
    void unknownUnitNamesAreNotUnits() {
        assertThat(PriceUnit.fromWireName("core-minute")).isNull();
    }

    private static BigDecimal hours(int hours) {
        return new BigDecimal(hours * 3_600L);
    }

    private static BigDecimal days(int days) {
        return new BigDecimal(days * 86_400L);
    }

    private static BigDecimal gigabytes(int gigabytes) {
        return new BigDecimal(gigabytes * 1_000_000_000L);
    }

    private static String rounded(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}

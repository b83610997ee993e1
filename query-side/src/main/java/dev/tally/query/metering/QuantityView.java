package dev.tally.query.metering;

import dev.tally.api.metering.Meter;

import java.math.BigDecimal;

/** One meter's quantity in its display unit: {@code {"meter": "cpu", "quantity": "1.5", "unit": "core-hour"}}. */
public record QuantityView(String meter, String quantity, String unit) {

    public static QuantityView of(Meter meter, BigDecimal baseQuantity) {
        return new QuantityView(DisplayUnits.meter(meter), DisplayUnits.quantity(meter, baseQuantity),
                DisplayUnits.unit(meter));
    }
}

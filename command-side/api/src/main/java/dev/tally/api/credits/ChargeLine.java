package dev.tally.api.credits;

import dev.tally.api.metering.Basis;
import dev.tally.api.metering.Meter;
import dev.tally.api.pricing.PriceUnit;

import java.math.BigDecimal;

/**
 * One meter of a rated window: {@code quantity} in the meter's base {@code unit}, the {@code price} per
 * {@code priceUnit} it was rated at, and the unrounded {@code amount} (scale 12).
 */
public record ChargeLine(Meter meter,
                         Basis basis,
                         BigDecimal quantity,
                         String unit,
                         PriceUnit priceUnit,
                         BigDecimal price,
                         BigDecimal amount) {
}

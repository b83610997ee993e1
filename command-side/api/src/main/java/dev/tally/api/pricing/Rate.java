package dev.tally.api.pricing;

import dev.tally.api.metering.Basis;
import dev.tally.api.metering.Meter;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A price for one meter: {@code price} per {@code unit}, up to 12 decimals, and optionally the basis billed (the
 * metering configuration's when null).
 */
public record Rate(Meter meter, PriceUnit unit, BigDecimal price, Basis basis) {

    /** Amounts are carried at this scale: prices per GB-day do not divide evenly into byte-seconds. */
    public static final int AMOUNT_SCALE = 12;

    /**
     * The unrounded amount for a quantity in the meter's base units: quantity x price / (base units per price
     * unit), computed in DECIMAL128 and carried at scale 12. It is rounded to money once, per invoice line.
     */
    public BigDecimal amountFor(BigDecimal baseQuantity) {
        return baseQuantity.multiply(price).divide(unit.baseUnits(), MathContext.DECIMAL128)
                .setScale(AMOUNT_SCALE, RoundingMode.HALF_EVEN);
    }
}

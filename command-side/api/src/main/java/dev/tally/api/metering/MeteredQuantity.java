package dev.tally.api.metering;

import java.math.BigDecimal;

/**
 * One meter's quantity over a window, in the meter's base unit: what was used, what was requested (null where a
 * meter has no request), the basis in force and the quantity it bills.
 */
public record MeteredQuantity(Meter meter, Basis basis, BigDecimal usage, BigDecimal request, BigDecimal quantity) {

    public String unit() {
        return meter.baseUnit();
    }
}
